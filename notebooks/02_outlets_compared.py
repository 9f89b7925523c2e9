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
# # 2. Outlets compared
#
# How did outlets of different kinds and countries frame the Atmeh raid, and whom did they quote?
#
# Offline, the comparison rests on the **reference coding** of the coverage (`data/reference/`: every
# headline and sentence coded by hand with the codebook, `data/codebook.md`). Where article texts have been
# retrieved with `framing fetch`, the machine coding is shown beside it, and the texts feed the word-level
# analyses (naming choices, distancing cues, distinctive vocabulary).
#
# Every number below is computed by `framing.compare`; every figure is drawn by `framing.plots`.
# Shares are shares of **units** (headlines and sentences; boilerplate is never counted), with 95% Wilson
# intervals and the number of units behind each.

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from framing import compare, plots, study
from framing.corpus import load_reference

ROOT = study.find_root()
DATA = ROOT / "data"
FIGURES = study.figures_dir()
pd.set_option("display.precision", 3)
pd.set_option("display.max_rows", 80)

# %%
ref = load_reference(DATA)
units = compare.coded_units(ref)
print(
    f"{ref['article_id'].nunique()} articles from {ref['outlet'].nunique()} outlets, "
    f"{len(units)} coded units (headlines and sentences) and {len(ref) - len(units)} boilerplate lines."
)
compare.corpus_summary(ref, by="outlet_type")

# %% [markdown]
# ## Frame shares by outlet type
#
# The share of units that carry each frame. A unit can carry several frames, so the three shares of a
# group do not add up to 1. Small groups (the one government source, the NGOs and monitors) have wide intervals.

# %%
by_type = compare.frame_shares(ref, by="outlet_type")
by_type

# %%
ax = plots.plot_frame_shares(by_type, by="outlet_type", title="Frames by outlet type (reference coding)")
plots.save_figure(ax.figure, "frame_shares_by_outlet_type", folder=FIGURES)
display(ax.figure)

# %% [markdown]
# ### Is the frame associated with the outlet type?
#
# Pearson's chi-square test of "unit carries the frame" by outlet type, one test per frame, and Cramer's V
# as the effect size (0 = no association, 1 = the outlet type determines the frame). Two cautions, both
# visible in the table: units of one article are not independent, so the p-values are too small; and
# where `min_expected` is below 5 the chi-square approximation is rough. Read V rather than p.

# %%
compare.frame_association(ref, by="outlet_type")

# %%
compare.frame_association(ref, by="country")

# %% [markdown]
# ## Frame shares by country and by outlet
#
# Each row is labelled with its number of units; rows with few units are noisy.

# %%
by_country = compare.frame_shares(ref, by="country")
ax = plots.plot_share_heatmap(by_country, rows="country", columns="frame",
                              title="Frame shares by country of the outlet")
plots.save_figure(ax.figure, "frame_shares_by_country", folder=FIGURES)
display(ax.figure)

# %%
labelled = ref.assign(outlet_label=ref["outlet"] + " [" + ref["outlet_type"] + "]")
outlet_order = labelled.sort_values(["outlet_type", "outlet"])["outlet_label"].drop_duplicates().tolist()
by_outlet = compare.frame_shares(labelled, by="outlet_label")
ax = plots.plot_share_heatmap(by_outlet, rows="outlet_label", columns="frame", row_order=outlet_order,
                              title="Frame shares by outlet [outlet type]")
plots.save_figure(ax.figure, "frame_shares_by_outlet", folder=FIGURES)
display(ax.figure)

# %% [markdown]
# ## Which kinds of source each outlet type quotes
#
# The share of units attributed to each source type (`unattributed` is the outlet's own narration).
# A unit quoting two kinds of source counts for both.

# %%
sources = compare.source_shares(ref, by="outlet_type")
source_order = compare.order_by_total(sources, column="source_type", weight="n_source")
ax = plots.plot_share_heatmap(sources, rows="outlet_type", columns="source_type", column_order=source_order,
                              title="Share of units citing each kind of source")
plots.save_figure(ax.figure, "source_types_by_outlet_type", folder=FIGURES)
display(ax.figure)

# %%
compare.source_shares(ref, by="outlet").pivot_table(index="outlet", columns="source_type", values="n_source", fill_value=0)

# %% [markdown]
# ## Which sources carry which frame
#
# For each source type, the share of the units attributed to it that carry each frame.

# %%
by_source = ref.pipe(compare.explode_field, "source_types").pipe(compare.frame_shares, by="source_types")
ax = plots.plot_share_heatmap(by_source, rows="source_types", columns="frame",
                              title="Frames carried by each kind of source (reference coding)")
plots.save_figure(ax.figure, "frames_by_source_type", folder=FIGURES)
display(ax.figure)

# %%
compare.speaker_frames(ref).head(15)

# %% [markdown]
# ## Naming choices and distancing cues (from text)
#
# How an outlet names the group (Daesh, ISIS, ISIL, Islamic State) and whether it reports a source's words
# with a distancing verb ("claimed", "alleged") rather than a neutral one ("said") are framing choices too.
# They are counted from text, so only articles whose text is at hand count: the seed always, and every
# article retrieved with `framing fetch`.

# %%
coded = study.load_machine_coding(DATA)
print(f"Texts at hand: {coded['article_id'].nunique()} article(s) from {coded['outlet'].nunique()} outlet(s), "
      f"{len(compare.coded_units(coded))} coded units.")

# %%
compare.field_shares(coded, field="group_names", by="outlet")

# %%
compare.field_shares(coded, field="distancing", by="outlet")

# %%
compare.field_shares(coded, field="kill_verbs", by="outlet")

# %% [markdown]
# ## Machine coding beside the reference (articles with text)
#
# For the articles whose text is at hand, frame shares by the reference coding and by the machine coder,
# side by side. Notebook 3 measures their agreement unit by unit.

# %%
with_text = ref[ref["article_id"].isin(coded["article_id"])]
side_by_side = compare.frame_shares(
    compare.stack({"reference": with_text, "machine": coded}, label="coding"),
    by=["outlet_type", "coding"],
)
side_by_side.pivot_table(index=["outlet_type", "frame"], columns="coding", values=["share", "n_units"])

# %% [markdown]
# ## Distinctive vocabulary per outlet type
#
# The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): for each
# outlet type, the words it uses more than the other types, shrunk towards the pooled rate so that rare words
# do not dominate. It needs texts from at least two outlet types.

# %%
terms = compare.distinctive_terms(coded, by="outlet_type", top=10)
print(f"Outlet types with text at hand: {coded['outlet_type'].nunique()}; "
      f"distinctive terms found: {len(terms)} (none when fewer than two types have text).")
terms

# %% [markdown]
# The same method always works inside the seed article: the words of the units attributed to each kind of
# source, against the others (reference coding).

# %%
seed = study.seed_reference_units(DATA)
seed_terms = compare.distinctive_terms(seed.pipe(compare.explode_field, "source_types"), by="source_types",
                                       top=6, min_count=2, prior_mass=100)
ax = plots.plot_distinctive_terms(seed_terms, by="source_types",
                                  title="Seed article: words typical of each kind of source (log-odds, prior 100)")
plots.save_figure(ax.figure, "seed_distinctive_terms_by_source_type", folder=FIGURES)
display(ax.figure)

# %%
print(f"Terms with z above 1.96 (about p < 0.05, two-sided): {int((seed_terms['z'] > 1.96).sum())} of {len(seed_terms)}. "
      "Within one short article the method mostly surfaces names and function words: a demonstration, not a finding.")
