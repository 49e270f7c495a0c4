"""The engine's one error: input it refuses, with a message that says what to fix."""


class MatchingInputError(ValueError):
    """Input the engine refuses.

    ``code`` is stable for callers that translate or map the error (``empty_text``,
    ``text_too_long``, ``unknown_tag``, ``bad_capacity``, ``bad_id``, ``duplicate_id``,
    ``bad_field``, ``bad_argument``); ``record`` is the id of the offending demand or
    partner when there is one, and ``field`` the field at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        record: str | int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.record = record
        self.field = field
