# %% [markdown]
# # newsprism from Python
#
# A notebook-style walk through the Python API (each `# %%` is a cell in Jupyter, VS Code or
# Spyder; `python docs/example.py` runs it top to bottom). It builds a store from the bundled
# fictional demo corpus in the current directory, lists its stories, and lines up what each
# outlet says about the claims of the largest story. See docs/python-api.md.

# %%
import newsprism
from newsprism.demo import corpus_files

db = newsprism.open("newsprism-example.db")
summary = db.ingest(corpus_files())  # the whole pipeline; a second run finds it all stored
print(f"stored {summary.stored} new reports, {summary.duplicates} already there; "
      f"the store holds {len(db)} reports")

# %% [markdown]
# ## Stories: which reports tell the same events

# %%
for story in db.stories():
    outlets = sorted({r.outlet or "?" for r in db.reports(story_id=story.id)})
    print(f"{story.id}  {len(story.report_ids):>2} reports  {story.title}")
    print(f"    outlets: {', '.join(outlets)}")

# %% [markdown]
# ## The claim matrix of the largest story
#
# Rows are claims aligned across reports, columns are reports labelled by outlet, a cell is
# that report's stance: asserted, attributed, quoted, hedged, denied, "mentioned" (a weak
# match) or "absent".

# %%
story = db.stories()[0]
matrix = db.claim_matrix(story.id)
print(f"claim matrix of story {story.id}: {matrix.shape[0]} claims x "
      f"{matrix.shape[1]} reports")
shown = matrix.head(8).droplevel("group_id")
shown.index = [claim if len(claim) <= 60 else claim[:59] + "…" for claim in shown.index]
print(shown.to_string())

# %% [markdown]
# ## Who carries the story's claims, and how

# %%
carried = (matrix != "absent").sum()  # per report: claims it states in any way
stances = matrix.apply(lambda col: col.value_counts()).fillna(0).astype(int).T
print(stances.assign(carried=carried).sort_values("carried", ascending=False).to_string())

# %% [markdown]
# ## Any table as a DataFrame
#
# `db.dataframe(name)` (or `db.quotes_df()`, `db.claims_df()`, ...) has the columns of the
# Parquet export: reports, stories, entities, mentions, quotes, numbers, times, events,
# claims, claim_groups, quote_groups, reuse.

# %%
quotes = db.quotes_df()
speakers = db.entities_df().set_index("id")["name"]
top = (quotes.dropna(subset=["speaker_entity_id"])
       .assign(speaker=lambda q: q["speaker_entity_id"].map(speakers))
       .groupby(["speaker", "kind"]).size().unstack(fill_value=0))
print(top.assign(total=top.sum(axis=1)).sort_values("total", ascending=False).head(8))

# %% [markdown]
# ## Analysis of a text, without a store

# %%
[analysis] = newsprism.analyze_texts(
    ["The ferry to Kallvik will resume on Friday, the operator said, after repairs that "
     "cost about 2 million crowns."], published_at="2025-09-02")
print([(m.text, m.type) for m in analysis.mentions])
print([(c.text, c.stance, c.attribution) for c in analysis.claims])

# %%
db.close()
