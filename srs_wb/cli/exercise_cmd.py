"""`srs-wb exercise`: print one generated exercise, list the kinds, or grade an answer.

Exit codes with --check: 0 correct, 3 incorrect, 4 unreadable answer (try again);
1 for a user error such as an unknown kind.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any

from srs_wb.cli.common import add_command, add_json_option, print_json
from srs_wb.errors import SrsError

EXIT_CORRECT = 0
EXIT_INCORRECT = 3
EXIT_INVALID = 4

EPILOG = (
    "With --check the exit code is 0 for a correct answer, 3 for an incorrect one and 4 for "
    "an answer that cannot be read as a number (or yes/no)."
)


def register(sub: Any) -> None:
    parser = add_command(sub, "exercise", "generate, show or grade one numeric exercise")
    parser.epilog = EPILOG
    parser.add_argument("kind", nargs="?", metavar="KIND", help="exercise kind (see --list)")
    parser.add_argument("--list", action="store_true", help="list the exercise kinds")
    parser.add_argument(
        "--seed", type=int, metavar="N", help="seed of the instance (default: a random one)"
    )
    parser.add_argument(
        "--difficulty", type=int, choices=(1, 2, 3), default=1, help="1, 2 or 3 (default: 1)"
    )
    parser.add_argument(
        "--params",
        metavar="JSON",
        help="declarative params as a deck gives them, e.g. '{\"inputs\": 3}'",
    )
    parser.add_argument("--check", metavar="ANSWER", help="grade ANSWER instead of showing it")
    add_json_option(parser)


def interface_language(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> str:
    """--lang if given, else bg for a Bulgarian locale (bg_BG.UTF-8 …), else en."""
    from srs_wb.services.settings import locale_language

    chosen = getattr(args, "lang", None)
    if chosen:
        return str(chosen)
    return locale_language(None if environ is None else dict(environ))


def _params(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SrsError(f"--params is not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise SrsError('--params must be a JSON object, such as {"inputs": 3}')
    return value


def run(args: argparse.Namespace) -> int:
    from srs_wb import engine

    lang = interface_language(args)
    json_lang = getattr(args, "lang", None)  # JSON carries both languages unless one is asked
    if args.list:
        kinds = engine.list_kinds()
        if args.json:
            print_json([info.to_json(json_lang) for info in kinds])
        else:
            width = max(len(info.name) for info in kinds)
            for info in kinds:
                print(f"{info.name:<{width}}  {info.summary[lang]}")
        return 0
    if not args.kind:
        known = ", ".join(engine.kind_names())
        raise SrsError(f"name an exercise kind or use --list; known kinds: {known}")
    seed, chosen = args.seed, args.seed is not None
    if seed is None:
        import secrets

        seed = secrets.randbelow(2**31)
    try:
        exercise = engine.generate(args.kind, seed, args.difficulty, _params(args.params))
    except ValueError as exc:
        raise SrsError(str(exc)) from None
    if args.check is not None:
        return _check(exercise, args.check, lang, json_lang, as_json=args.json)
    if args.json:
        print_json(exercise.to_json(json_lang))
    else:
        print(format_exercise(exercise, lang, random_seed=not chosen))
    return 0


def _check(exercise: Any, typed: str, lang: str, json_lang: str | None, *, as_json: bool) -> int:
    from srs_wb import engine

    grade = engine.grade(exercise, typed)
    code = EXIT_INVALID if grade.invalid else EXIT_CORRECT if grade.correct else EXIT_INCORRECT
    if as_json:
        print_json(
            {
                "kind": exercise.kind,
                "seed": exercise.seed,
                "difficulty": exercise.difficulty,
                "typed": typed,
                "answer_text": exercise.answer_text,
                **grade.to_json(json_lang),
                "exit_code": code,
            }
        )
    else:
        print(format_grade(exercise, grade, lang))
    return code


_WORDS = {
    "seed": {"bg": "вариант", "en": "seed"},
    "difficulty": {"bg": "трудност", "en": "difficulty"},
    "random": {"bg": "случаен; отново: --seed", "en": "random; again: --seed"},
    "answer": {"bg": "Отговор", "en": "Answer"},
    "tolerance": {"bg": "допуск", "en": "tolerance"},
    "solution": {"bg": "Решение", "en": "Solution"},
    "correct": {"bg": "Вярно", "en": "Correct"},
    "incorrect": {"bg": "Грешно", "en": "Incorrect"},
    "invalid": {"bg": "Отговорът не може да се прочете", "en": "The answer cannot be read"},
    "read": {"bg": "прочетено", "en": "read"},
    "expected": {"bg": "очаквано", "en": "expected"},
    "error": {"bg": "разлика", "en": "error"},
    "yes": {"bg": "да", "en": "yes"},
    "no": {"bg": "не", "en": "no"},
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return _word("yes" if value else "no", lang)
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:.10g}" for v in value) + "]"
    return f"{value:.10g}"


def format_exercise(exercise: Any, lang: str, *, random_seed: bool = False) -> str:
    seed = f"{_word('seed', lang)} {exercise.seed}"
    if random_seed:
        seed += f" ({_word('random', lang)} {exercise.seed})"
    head = f"{exercise.kind} · {seed} · {_word('difficulty', lang)} {exercise.difficulty}"
    answer = _answer_text(exercise, lang)
    if exercise.decimals is not None:
        answer += f"  ({_word('tolerance', lang)} ±{exercise.tolerance:g})"
    lines = [head, "", exercise.prompt[lang], "", f"{_word('answer', lang)}: {answer}", ""]
    lines.append(f"{_word('solution', lang)}:")
    lines += [f"  {n}. {step.text[lang]}" for n, step in enumerate(exercise.solution, start=1)]
    return "\n".join(lines)


def _answer_text(exercise: Any, lang: str) -> str:
    if isinstance(exercise.answer, bool):
        return _word("yes" if exercise.answer else "no", lang)
    return str(exercise.answer_text)


def format_grade(exercise: Any, grade: Any, lang: str) -> str:
    if grade.invalid:
        return f"{_word('invalid', lang)}: {grade.message[lang]}"
    verdict = _word("correct" if grade.correct else "incorrect", lang)
    details = [
        f"{_word('read', lang)} {_value(grade.value, lang)}",
        f"{_word('expected', lang)} {_answer_text(exercise, lang)}",
    ]
    if grade.error is not None:
        details.append(f"{_word('error', lang)} {grade.error:.3g} (±{exercise.tolerance:g})")
    lines = [f"{verdict}: {', '.join(details)}"]
    if grade.mistake_text is not None:
        lines.append(f"  {grade.mistake_text[lang]}")
    if not grade.correct:
        lines.append(f"{_word('solution', lang)}:")
        lines += [f"  {n}. {step.text[lang]}" for n, step in enumerate(exercise.solution, start=1)]
    return "\n".join(lines)
