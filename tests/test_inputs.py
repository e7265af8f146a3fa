"""One input policy for every function that reads texts (discourse.inputs), checked across the modules."""
import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse import framing
from discourse._errors import MissingDataError, ParameterError
from discourse.inputs import drop_missing_labels, text_inputs

# Synthetic passages: one good row, one missing text.
DOCS = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kabul fell.", None], "language": "en", "source": ["x", "y"]},
                    index=[10, 20])


@pytest.mark.parametrize("call", [
    lambda: dc.dfm(DOCS),
    lambda: dc.DfmVectorizer().fit(DOCS),
    lambda: dc.kwic(DOCS, "kabul"),
    lambda: dc.collocations(DOCS, "kabul", min_count=1),
    lambda: dc.multiword_sequences(DOCS, min_count=1),
    lambda: dc.passages(DOCS),
    lambda: dc.keyness(DOCS, by="source"),
    lambda: dc.tokenize_documents(DOCS),
    lambda: framing.LexiconFrameClassifier("afghanistan").fit().predict(DOCS),
    lambda: framing.SupervisedFrameClassifier("afghanistan").fit(DOCS, pd.DataFrame({"humanitarian": [1, 0]}, index=DOCS.index)),
], ids=["dfm", "DfmVectorizer", "kwic", "collocations", "multiword_sequences", "passages", "keyness",
        "tokenize_documents", "lexicon", "supervised"])
def test_a_missing_text_is_the_same_error_everywhere(call):
    # Regression: dfm raised a TypeError while kwic and predict silently used "".
    with pytest.raises(MissingDataError, match=r"1 row\(s\) with missing or empty text in column 'text': row 20 \(doc_id 'b'\)"):
        call()


def test_drop_and_empty_report_what_they_did():
    with pytest.warns(UserWarning, match=r"1 row\(s\) of `data` with missing or empty text were left out: row 20"):
        out = text_inputs(DOCS, missing="drop")
    assert out.texts == ["Kabul fell."] and list(out.index) == [10] and out.missing == [20]
    with pytest.warns(UserWarning, match="kept as empty texts"):
        out = text_inputs(DOCS, missing="empty")
    assert out.texts == ["Kabul fell.", ""] and list(out.index) == [10, 20]
    with pytest.raises(ParameterError, match="`missing` must be one of: 'raise', 'empty'; got 'drop'"):
        text_inputs(DOCS, missing="drop", allowed=("raise", "empty"))


def test_language_from_the_column_or_the_argument_never_both_disagreeing():
    docs = DOCS.assign(text=["Kabul fell.", "Talks."])
    assert text_inputs(docs).languages == ["en", "en"]
    assert text_inputs(docs.drop(columns="language"), language="en").languages == ["en", "en"]
    assert text_inputs(docs, language="en").languages == ["en", "en"]
    with pytest.raises(ValueError, match="`language`='ru' disagrees with column 'language' in row 10"):
        text_inputs(docs, language="ru")
    with pytest.raises(MissingDataError, match="without a language"):
        text_inputs(docs.assign(language=["en", np.nan]))
    with pytest.raises(ParameterError, match="has no 'language' column"):
        text_inputs(docs.drop(columns="language"))


def test_index_is_preserved_by_every_row_aligned_result():
    docs = DOCS.assign(text=["Kabul fell.", "Refugees need food."])
    assert list(dc.tokenize_documents(docs).index) == [10, 20]
    assert list(framing.LexiconFrameClassifier("afghanistan").fit().predict(docs).index) == [10, 20]


def test_a_text_that_is_not_a_string_is_a_type_error_naming_the_row():
    with pytest.raises(TypeError, match=r"`data` row 20 \(doc_id 'b'\): text is not a string \(got dict\)"):
        text_inputs(DOCS.assign(text=["ok", {"body": "x"}]))


def test_missing_group_labels_raise_or_are_dropped_and_reported():
    frame = pd.DataFrame({"g": ["a", None, "b"]}, index=[1, 2, 3])
    with pytest.raises(MissingDataError, match=r"Column 'g' \(from `by`\) has 1 missing value\(s\): row 2"):
        drop_missing_labels(frame, ["g"])
    with pytest.warns(UserWarning, match="1 row"):
        kept = drop_missing_labels(frame, ["g"], missing="drop")
    assert list(kept.index) == [1, 3] and kept.attrs["dropped_missing_labels"] == [2]
