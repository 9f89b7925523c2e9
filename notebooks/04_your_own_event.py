# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4. Your own event
#
# How to reuse `framing` for another event. The example is a tiny, **fictional** corpus in
# `notebooks/example_event/` (see its README): three short articles about a drone strike on the town of
# Veskar, the researcher's own hand coding of them (`coding.tsv`, made with `data/codebook.md`), and edited
# copies of two resources the coder reads:
#
# * `speakers.tsv`: the speaker gazetteer, with this event's speakers added (names, source types, roles);
# * `frame_lexicon.tsv`: the frame lexicon, with this event's words added (the group's name, the place names
#   whose control is disputed).
#
# For your own event: put your articles (headline line, blank line, body) in a folder, copy the packaged
# resources (`framing/data/*.tsv`) next to them, edit the copies, and pass their paths to the coder, as below.

# %%
import pandas as pd
from IPython.display import HTML, display

from framing import compare, evaluate, reports, study
from framing.articles import read_articles
from framing.classifier import FrameClassifier, cross_validate_frames
from framing.coder import code_units
from framing.corpus import read_coding
from framing.units import make_units

ROOT = study.find_root()
EVENT = ROOT / "notebooks" / "example_event"
pd.set_option("display.max_colwidth", 80)
pd.set_option("display.precision", 3)

# %% [markdown]
# ## The corpus and its units

# %%
articles = read_articles([EVENT / "articles"])
units = make_units(articles)
own = read_coding(EVENT / "coding.tsv")
print(f"{len(articles)} articles, {len(units)} units; the hand coding covers {len(own)} units.")
units[["article_id", "unit", "kind", "text"]]

# %% [markdown]
# ## The packaged coder, unchanged
#
# The packaged gazetteer and lexicon were built for the Atmeh raid: they know neither the people quoted here
# nor the group's name, so expect missed speakers and frames.

# %%
packaged = code_units(units, sentiment=False)
packaged_scores = evaluate.evaluate(own, packaged)
packaged[["article_id", "unit", "frames", "speakers", "source_types", "cues"]]

# %% [markdown]
# ## The coder with the edited resources
#
# The same function, given the paths of the edited copies.

# %%
edited = code_units(
    units,
    sentiment=False,
    gazetteer=EVENT / "speakers.tsv",
    lexicon=EVENT / "frame_lexicon.tsv",
)
edited_scores = evaluate.evaluate(own, edited)
edited[["article_id", "unit", "frames", "speakers", "source_types", "cues"]]

# %% [markdown]
# Agreement with the hand coding, before and after editing the resources (F1 per frame, source-type
# agreement and speaker F1; `n_units` is tiny, so read this as a check, not a measurement).

# %%
both = compare.stack({"packaged": packaged_scores, "edited": edited_scores}, label="resources")
both[both["measure"].isin(["f1", "source_type_agreement", "speaker_f1"])].pivot_table(
    index=["measure", "target"], columns="resources", values="value"
)

# %%
display(HTML(reports.reading_view_html(
    edited[edited["article_id"] == "wire-2031-05-12-veskar-strike"],
    subtitle="fictional example · machine coding with the edited resources",
    standalone=False,
)))

# %% [markdown]
# ## Comparing the articles
#
# The same statistics as in notebook 2, on the researcher's own coding.

# %%
compare.frame_shares(own, by="article_id").pivot_table(index="article_id", columns="frame", values="share")

# %%
compare.source_shares(own, by="article_id")

# %% [markdown]
# ## Training the frame classifier on your own coding
#
# Instead of (or besides) the lexicon, `FrameClassifier` learns frames from coded units: it is a
# scikit-learn estimator, fitted on a unit table with `text` and `frames`. Cross-validation estimates how well
# it generalises; with the 18 units of this example the estimate is very rough: a real study needs a few
# hundred coded units.

# %%
cross_validate_frames(own, n_splits=3)  # one fold per article: the classifier never sees the article it is tested on

# %%
classifier = FrameClassifier().fit(own)
predicted = classifier.code(units)
predicted[["article_id", "unit", "frames", "text"]].merge(
    own[["article_id", "unit", "frames"]].rename(columns={"frames": "hand_frames"}), on=["article_id", "unit"]
)
