"""Answers that quote the article: the runs of its words a learner's answer repeats."""

from __future__ import annotations

import re

from newscase import text as spans

# A word, or an abbreviation with its dots ("U.S."), so "U.S.-made" is not three words.
WORD = re.compile(r"(?:\w\.){2,}|[\w’'-]+")


def words_of(value: str) -> list[str]:
    """Lower-case words with straight apostrophes; quote marks around a word are dropped."""
    return [w.replace("’", "'").strip("'-").lower() for w in WORD.findall(value)]


def quoted_spans(answer: str, article_text: str, min_words: int = 5) -> list[str]:
    """Runs of at least ``min_words`` consecutive words of the article that the answer repeats
    (case, quote marks and punctuation ignored), as the article writes them, longest first."""
    said = " " + " ".join(words_of(answer)) + " "
    found = []
    for _start, _end, sentence in spans.sentences(article_text).itertuples(index=False):
        tokens = list(WORD.finditer(sentence))
        best = None
        for i in range(len(tokens)):
            for j in range(len(tokens), i + min_words - 1, -1):
                run = " ".join(words_of(" ".join(t.group() for t in tokens[i:j])))
                if f" {run} " in said:
                    if best is None or j - i > best[1] - best[0]:
                        best = (i, j)
                    break
        if best:
            found.append(sentence[tokens[best[0]].start():tokens[best[1] - 1].end()])
    return sorted(found, key=lambda s: (-len(s), s))
