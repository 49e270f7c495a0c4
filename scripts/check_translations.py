#!/usr/bin/env python3
"""Keep the Korean catalogue complete and compiled.

    check_translations.py            extract strings, fail on any untranslated or fuzzy entry
    check_translations.py --update   extract strings and keep the updated catalogue
    check_translations.py --compile  only compile the catalogues into .mo files

Extraction needs GNU gettext (xgettext); compiling uses polib alone.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "aihub" / "locale"
LANGUAGES = ("ko",)


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def extract() -> None:
    if shutil.which("xgettext") is None:
        sys.exit("GNU gettext is missing: install the 'gettext' package (apt-get install gettext).")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="aihub.settings.development")
    for language in LANGUAGES:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                language,
                "--no-obsolete",
                "--no-location",
                "--ignore=.venv/*",
                "--ignore=bench/*",
                "--ignore=scripts/*",
                "--ignore=var/*",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def compile_catalogues() -> None:
    for language in LANGUAGES:
        po = polib.pofile(str(catalogue(language)))
        po.save_as_mofile(str(catalogue(language).with_suffix(".mo")))


def problems(language: str) -> list[str]:
    po = polib.pofile(str(catalogue(language)))
    found = [f"untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    found += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    for entry in po.translated_entries():
        if entry.msgid_plural and not all(entry.msgstr_plural.values()):
            found.append(f"missing plural: {entry.msgid!r}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--update", action="store_true", help="keep the re-extracted catalogue")
    parser.add_argument("--compile", action="store_true", help="only compile .po into .mo")
    args = parser.parse_args()
    if args.compile:
        compile_catalogues()
        return 0
    with tempfile.TemporaryDirectory() as backup:
        saved = {}
        for language in LANGUAGES:
            if catalogue(language).exists():
                saved[language] = Path(backup) / f"{language}.po"
                shutil.copy2(catalogue(language), saved[language])
        extract()
        failures = {language: problems(language) for language in LANGUAGES}
        if not args.update:
            for language, copy in saved.items():
                before = polib.pofile(str(copy))
                after = polib.pofile(str(catalogue(language)))
                if {e.msgid for e in before} == {e.msgid for e in after}:
                    shutil.copy2(copy, catalogue(language))
    compile_catalogues()
    total = sum(len(found) for found in failures.values())
    for language, found in failures.items():
        for problem in found:
            print(f"{language}: {problem}")
    if total:
        print(
            f"{total} strings need a translation: run `make messages`, then translate them in "
            f"{catalogue('ko').relative_to(ROOT)}."
        )
        return 1
    print("Translations complete: " + ", ".join(LANGUAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
