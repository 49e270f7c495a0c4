import datetime

from ninja import Schema


class FloorOut(Schema):
    label: str
    level: int
    area_m2: int | None
    uses_ko: str
    uses_en: str


class FacilityOut(Schema):
    slug: str
    name_ko: str
    name_en: str
    address_ko: str
    address_en: str
    area_m2: int
    opened_on: datetime.date
    is_anchor: bool
    current_companies: int
    floors: list[FloorOut]

    @staticmethod
    def resolve_floors(obj: object) -> list[object]:
        return list(obj.floors.all())
