"""Measure the attribution coder's mechanics on PolNeAR (train/dev).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) is US election news annotated
for attribution relations (Source, Cue, Content). This script reads it from
``../shared/external/polnear`` (relative to the repository; override with
``--root``) and skips with a message when it is absent: a fresh clone has no
``../shared`` and nothing of PolNeAR is ever copied into the repository.

Each article is split into units with :func:`framing.units.units_from_text`
and coded with :func:`framing.attribution.attribute`. A unit is *gold
attributed* when the Cue span of a PolNeAR attribution starts inside it.
PolNeAR's notion is broader than the codebook's (it includes beliefs,
intentions and evidence: "Trump believes", "polls show"), so two gold
standards are reported:

- ``all cues``: every PolNeAR attribution;
- ``speech cues``: only attributions whose cue contains a word of the
  project's cue lexicon (``framing/data/cues.tsv``) or "according to"
  (what the codebook calls attribution).

and a third line, ``speech cue or content``, that also counts the units a
speech attribution's Content span covers (the codebook attributes every
sentence of a quotation to its speaker; PolNeAR marks the cue once).

Printed: precision, recall and F1 of "unit is attributed" (headline and
sentence units), and cue-lemma accuracy: among units that are gold
speech-attributed and predicted attributed, the share where one of the
predicted cue lemmas equals the lemma of one of the gold cues (the gold cue's
words looked up in the cue lexicon; cues the lexicon does not know count as
misses).

Also printed, a speaker measure: among units that are gold speech-attributed
with a *named* source (the Source span of one of the unit's speech
attributions, i.e. one whose cue starts in the unit and contains a word of the
cue lexicon or "according to", has a capitalised word that is not a pronoun,
determiner or other closed-class word: "Clinton", "The New York Times", not
"he" or "the official") and predicted attributed, the share where one of our
predicted speakers matches one of those named gold sources: the last word of
our canonical name occurs as a word in the gold Source span
(case-insensitively; a possessive 's cut), or the two strings are equal. It measures whether the
right person or body is found, not the canonical form of the name (a surname
in the span suffices), and only where PolNeAR marks a named source: pronoun
sources ("he said") and unnamed ones are left out. Develop on ``train``,
report ``dev``.

Usage::

    python scripts/polnear_attribution.py [--split dev] [--root ../shared/external/polnear]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pandas as pd

from framing.attribution import attribute, read_cues
from framing.units import _frame, units_from_text

DEFAULT_ROOT = Path("..") / "shared" / "external" / "polnear"
_WORD = re.compile(r"[^\W\d_]+(?:\s+(?:out|down|up))?")


def read_ann(path: Path) -> list[dict]:
    """Attributions of one BRAT file: dicts with cue spans, cue text and content spans."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            label, _, offsets = parts[1].partition(" ")
            ranges = []
            for piece in offsets.split(";"):
                a, _, b = piece.strip().partition(" ")
                if a.isdigit() and b.isdigit():
                    ranges.append((int(a), int(b)))
            spans[parts[0]] = (label, ranges, parts[2])
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for ev in events:
        cue = spans.get(ev.get("Cue", ""))
        if cue is None:
            continue
        content = spans.get(ev.get("Content", ""), ("", [], ""))
        source = spans.get(ev.get("Source", ""), ("", [], ""))
        out.append({"cue": cue[1], "cue_text": cue[2], "content": content[1], "source_text": source[2]})
    return out


#: Capitalised words that do not make a Source span a name (pronouns, determiners, sentence openers).
_NOT_NAME_WORDS = frozenset(
    "i he she it we they you him her them his its our their my your this that these those the a an "
    "some many most one two both several another other officials".split()
)
_CAP_WORD = re.compile(r"\b[A-Z][\w'’.\-]*")


def is_named(source: str) -> bool:
    """Whether a PolNeAR Source span names someone: a capitalised word outside :data:`_NOT_NAME_WORDS`."""
    return any(w.lower().rstrip(".") not in _NOT_NAME_WORDS for w in _CAP_WORD.findall(source))


def speaker_matches(predicted: str, sources: list[str]) -> bool:
    """Whether one of the ";"-joined predicted speakers matches one of the gold Source spans: the last word
    of the canonical name occurs as a word in the span (case-insensitively), or the strings are equal."""
    for name in (p.strip() for p in predicted.split(";")):
        if not name:
            continue
        last = name.split()[-1].lower()
        for src in sources:
            if name.lower() == src.strip().lower() or last in _span_words(src):
                return True
    return False


_SPAN_WORD = re.compile(r"[\w'’\-]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _span_words(span: str) -> set[str]:
    """The words of a Source span, lower-cased, possessives cut ("Clinton's campaign" -> clinton, campaign)."""
    return {_POSSESSIVE.sub("", w) for w in _SPAN_WORD.findall(span.lower())}


def cue_lemmas(text: str, forms: dict[str, str]) -> set[str]:
    """Lemmas of the project's cue lexicon found in a PolNeAR cue span."""
    low = " ".join(text.lower().split())
    found = set()
    if "according to" in low:
        found.add("according to")
    for w in re.findall(r"[^\W\d_]+", low):
        if w in forms:
            found.add(forms[w])
    for multi, lemma in forms.items():
        if " " in multi and multi in low:
            found.add(lemma)
    return found


def evaluate(root: Path, split: str) -> tuple[pd.DataFrame, dict]:
    cues = read_cues()
    forms = {f.strip().lower(): lemma for lemma, fs in zip(cues["lemma"], cues["forms"]) for f in fs.split(";") if f.strip()}
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    records, gold = [], []
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        units = units_from_text(text, article_id=text_path.stem)
        attributions = read_ann(anns[0])  # several annotators: the first, as PolNeAR's own splits do
        for u in units:
            u_all = u_speech = u_content = False
            lemmas: set[str] = set()
            named: list[str] = []
            for a in attributions:
                in_cue = any(u["start"] <= s < u["end"] for s, _ in a["cue"])
                lem = cue_lemmas(a["cue_text"], forms)
                if in_cue:
                    u_all = True
                    if lem:
                        u_speech = True
                        lemmas |= lem
                        if is_named(a["source_text"]):
                            named.append(a["source_text"])
                if lem and (in_cue or any(s < u["end"] and e > u["start"] for s, e in a["content"])):
                    u_content = True
            gold.append((u_all, u_speech, u_content, lemmas, named))
        records.extend(units)
    units_df = _frame(records)
    start = time.perf_counter()
    coded = attribute(units_df)
    elapsed = time.perf_counter() - start
    keep = coded["kind"].isin(["headline", "sentence"]).to_numpy()
    pred = (coded["speakers"] != "").to_numpy()
    rows = []
    for name, idx in (("all cues", 0), ("speech cues", 1), ("speech cue or content", 2)):
        tp = fp = fn = 0
        for k, p, g in zip(keep, pred, gold):
            if not k:
                continue
            tp += p and g[idx]
            fp += p and not g[idx]
            fn += (not p) and g[idx]
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"gold": name, "units": int(keep.sum()), "gold_attributed": tp + fn, "precision": prec, "recall": rec, "f1": f1})
    both = hits = 0
    for k, p, g, cue_cell in zip(keep, pred, gold, coded["cues"]):
        if k and p and g[1]:
            both += 1
            hits += bool(set(cue_cell.split(";")) & g[3])
    named_n = named_hits = 0
    for k, p, g, speakers in zip(keep, pred, gold, coded["speakers"]):
        if k and p and g[1] and g[4]:
            named_n += 1
            named_hits += speaker_matches(speakers, g[4])
    info = {
        "speaker_match": named_hits / named_n if named_n else 0.0,
        "speaker_match_n": named_n,
        "articles": coded["article_id"].nunique(),
        "cue_lemma_accuracy": hits / both if both else 0.0,
        "cue_lemma_n": both,
        "sentences_per_second": len(coded) / elapsed if elapsed else float("inf"),
    }
    return pd.DataFrame(rows), info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PolNeAR folder (default: %(default)s)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="split to score (default: %(default)s)")
    args = parser.parse_args(argv)
    if not (args.root / args.split / "text").is_dir():
        print(f"PolNeAR not found at {args.root} (split {args.split}); skipping.")
        return 0
    table, info = evaluate(args.root, args.split)
    print(f"PolNeAR {args.split}: {info['articles']} articles, unit = headline or sentence")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"cue-lemma accuracy (gold speech cue and predicted attributed, n={info['cue_lemma_n']}): {info['cue_lemma_accuracy']:.3f}")
    print(
        f"speaker match (gold speech cue with a named source and predicted attributed, n={info['speaker_match_n']}): "
        f"{info['speaker_match']:.3f}"
    )
    print(f"speed of attribute(): {info['sentences_per_second']:.0f} units/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
