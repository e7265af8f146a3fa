"""An in-notebook coding widget: one passage at a time, one checkbox per frame, saved as you go.

:class:`CodingWidget` shows a coder the passages assigned to them in an
:class:`~discourse.annotation.AnnotationProject` — the text with its outlet,
genre, language and date, the codebook's frames with their definitions, a
note field — and writes every decision straight to the coder's raw sheet
(``raw/coder_<X>.csv``), so closing the notebook loses nothing and opening it
again resumes at the first passage not yet coded.

Keyboard: click into the shortcut box and type ``1``-``9`` and ``0`` to
toggle the first ten frames in the order shown (later frames by their
checkbox), ``n`` for the next passage (saving it), ``p`` for the previous
one, ``s`` to save. Only frames you tick
are 1; a passage you move past without ticking anything is saved all 0 —
as the guide says, that is a decision too.

The logic (state, saving, resuming, keys) lives in methods that do not need
a browser — :meth:`toggle`, :meth:`go`, :meth:`press`, :meth:`save` — so it is
tested headless; the ipywidgets are only its view.

Examples
--------
>>> import pandas as pd, tempfile
>>> from discourse.annotation import AnnotationProject
>>> folder = tempfile.mkdtemp()
>>> project = AnnotationProject(folder, "generic").create(exist_ok=True)
>>> _ = project.add_round(pd.DataFrame({  # synthetic
...     "passage_id": ["p1", "p2"], "doc_id": ["d1", "d2"], "language": "en",
...     "text": ["The strike cost millions.", "Critics attacked the plan."]}), coders=["A", "B"], double_share=0)
>>> w = CodingWidget(project, "A")
>>> first = w.passage_id
>>> w.toggle("economic"); w.press("n")  # code, then next (saved)
>>> project.codings()[["passage_id", "economic"]].values.tolist() == [[first, 1]]
True
"""
from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ._errors import DiscourseError, ParameterError, invalid_value_message

__all__ = ["CodingWidget"]

_KEYS = "1234567890"


class CodingWidget:
    """Code the passages assigned to one coder, in the notebook.

    Parameters
    ----------
    project : AnnotationProject
        The gold-set folder.
    coder : str
        Whose sheet to fill (must have assigned passages).

    Attributes
    ----------
    position : int
        Index of the passage shown, in the coder's assignment order.
    """

    def __init__(self, project: Any, coder: str):
        self.project = project
        self.coder = str(coder)
        self.frames = project.frames
        assigned = project.assignments()
        ids = assigned.loc[assigned["coder"] == self.coder, "passage_id"].tolist()
        if not ids:
            raise DiscourseError(f"No passages are assigned to coder {self.coder!r} in {project.folder}.")
        sample = project.sample().set_index("passage_id")
        self.passages = sample.loc[ids].reset_index()
        self.path = project.folder / "raw" / f"coder_{self.coder}.csv"
        self._codes: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            done = project.codings()
            for row in done[done["coder"] == self.coder].itertuples(index=False):
                row = row._asdict()
                self._codes[row["passage_id"]] = {**{f: int(row[f]) for f in self.frames},
                                                  "note": str(row.get("note", "") or "")}
        uncoded = [i for i, p in enumerate(self.passages["passage_id"]) if p not in self._codes]
        self.position = uncoded[0] if uncoded else len(self.passages) - 1
        self._draft = self._current_codes()
        self._view: dict[str, Any] | None = None

    # ------------------------------------------------------------- state
    @property
    def passage_id(self) -> str:
        return str(self.passages["passage_id"].iloc[self.position])

    @property
    def n_coded(self) -> int:
        return len(self._codes)

    def _current_codes(self) -> dict[str, Any]:
        saved = self._codes.get(self.passage_id)
        return dict(saved) if saved else {**dict.fromkeys(self.frames, 0), "note": ""}

    def toggle(self, frame: str) -> None:
        """Switch one frame of the shown passage between 0 and 1 (not yet saved)."""
        if frame not in self.frames:
            raise ParameterError(invalid_value_message("frame", frame, self.frames))
        self._draft[frame] = 1 - self._draft[frame]
        self._refresh()

    def set_note(self, text: str) -> None:
        """The coder's note on the shown passage (e.g. which rule decided a hard case)."""
        self._draft["note"] = " ".join(str(text).split())

    def save(self) -> None:
        """Write the shown passage's codes to the coder's raw sheet (the whole sheet is rewritten)."""
        self._codes[self.passage_id] = dict(self._draft)
        order = [p for p in self.passages["passage_id"] if p in self._codes]
        rows = [{"passage_id": p, "coder": self.coder, **{f: self._codes[p][f] for f in self.frames},
                 "note": self._codes[p]["note"]} for p in order]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(rows, columns=["passage_id", "coder", *self.frames, "note"]).to_csv(
            self.path, index=False, lineterminator="\n")
        self._refresh()

    def go(self, step: int) -> None:
        """Save the shown passage, then move ``step`` passages on (negative: back)."""
        self.save()
        self.position = min(max(self.position + int(step), 0), len(self.passages) - 1)
        self._draft = self._current_codes()
        self._refresh()

    def press(self, key: str) -> None:
        """Act on one key: a frame's key toggles it, ``n``/Enter next, ``p`` previous, ``s`` save."""
        if key in ("n", "\n", "\r"):
            self.go(1)
        elif key == "p":
            self.go(-1)
        elif key == "s":
            self.save()
        elif key in _KEYS[: len(self.frames)]:
            self.toggle(self.frames[_KEYS.index(key)])

    # ------------------------------------------------------------- view
    def _html(self) -> str:
        row = self.passages.iloc[self.position]
        meta = " · ".join(html.escape(str(row[c])) for c in ("source", "genre", "language", "date")
                          if c in row.index and str(row[c]))
        status = "coded" if self.passage_id in self._codes else "not yet coded"
        return (f"<div><b>{self.position + 1} / {len(self.passages)}</b> ({self.n_coded} coded) — "
                f"<code>{html.escape(self.passage_id)}</code> — {meta} — <i>{status}</i></div>"
                f"<div style='white-space: pre-wrap; border: 1px solid #ccc; padding: 8px; margin: 6px 0; "
                f"font-size: 110%'>{html.escape(str(row['text']))}</div>")

    def _refresh(self) -> None:
        if self._view is None:
            return
        v = self._view
        v["text"].value = self._html()
        for f, box in v["boxes"].items():
            box.value = bool(self._draft[f])
        v["note"].value = self._draft["note"]

    def widget(self) -> Any:
        """The ipywidgets view (built on first use)."""
        import ipywidgets as w

        if self._view is None:
            definitions = {f.id: f.definition for f in self.project.codebook.frames}
            boxes = {}
            for k, f in enumerate(self.frames):
                key = f"[{_KEYS[k]}] " if k < len(_KEYS) else ""
                boxes[f] = w.Checkbox(value=bool(self._draft[f]), description=f"{key}{f}", indent=False,
                                      tooltip=definitions.get(f, ""), layout=w.Layout(width="260px"))
                boxes[f].observe(self._box_changed(f), names="value")
            note = w.Text(value=self._draft["note"], placeholder="note (optional)", layout=w.Layout(width="80%"))
            note.observe(lambda change: self.set_note(change["new"]), names="value")
            keys = w.Text(placeholder="shortcuts: 1-9,0 frames · n next · p previous · s save",
                          layout=w.Layout(width="420px"))
            keys.observe(self._key_typed, names="value")
            prev_b, save_b, next_b = (w.Button(description=d) for d in ("◀ previous", "save", "next ▶"))
            prev_b.on_click(lambda _: self.go(-1))
            save_b.on_click(lambda _: self.save())
            next_b.on_click(lambda _: self.go(1))
            self._view = {"text": w.HTML(self._html()), "boxes": boxes, "note": note, "keys": keys}
            self._view["box"] = w.VBox([self._view["text"], w.GridBox(list(boxes.values()), layout=w.Layout(
                grid_template_columns="repeat(3, 270px)")), note, w.HBox([prev_b, save_b, next_b, keys])])
        return self._view["box"]

    def _box_changed(self, frame: str):  # noqa: ANN202
        def handler(change: dict) -> None:
            if bool(change["new"]) != bool(self._draft[frame]):
                self._draft[frame] = int(bool(change["new"]))
        return handler

    def _key_typed(self, change: dict) -> None:
        typed = change["new"]
        if typed:
            for key in typed:
                self.press(key)
            self._view["keys"].value = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())

    def __repr__(self) -> str:
        return (f"CodingWidget(coder={self.coder!r}, passage {self.position + 1} of {len(self.passages)}, "
                f"{self.n_coded} coded)")
