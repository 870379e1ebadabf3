"""A fictional three-outlet story, written for these tests, with the analyses that the
analyze stage would produce for it (claims with stances, quotes, numbers, times, mentions).

The story: a dock strike in the invented port city of Velmora. It contains, on purpose:
- one remark of the union leader rendered three ways (two near-identical translations and
  a different one) and carried by all three reports;
- a count of strikers that one outlet states differently (1.200 / 1,200 / 900);
- a closure that one outlet asserts and another only attributes to the port authority;
- a quote on the mayor that two outlets carry and the third leaves out;
- dates at different precisions that agree (March 2031 / 14 March 2031);
- a named source ("the Calder news agency") in one report only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.types import (
    Analysis,
    ClaimUnit,
    Event,
    Mention,
    NumberExpr,
    Quote,
    Report,
    Story,
    TimeExpr,
)


@dataclass
class Builder:
    """Appends sentences to a report text and records annotations at their offsets."""

    rid: str
    outlet: str
    published: str
    text: str = ""
    claims: list[ClaimUnit] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[NumberExpr] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def say(self, sentence: str, stance: str = "asserted", attribution: tuple[str, ...] = (),
            hedges: tuple[str, ...] = ()) -> int:
        start = len(self.text) + (1 if self.text else 0)
        self.text += (" " if self.text else "") + sentence
        end = start + len(sentence)
        self.sentences.append((start, end))
        self.claims.append(ClaimUnit(
            id=f"{self.rid}-c{len(self.claims)}", report_id=self.rid, start=start, end=end,
            text=sentence, stance=stance, attribution=attribution, hedges=hedges))  # type: ignore[arg-type]
        return start

    def span(self, fragment: str, after: int = 0) -> tuple[int, int]:
        i = self.text.index(fragment, after)
        return i, i + len(fragment)

    def number(self, fragment: str, value: float, unit: str | None, after: int = 0) -> None:
        s, e = self.span(fragment, after)
        self.numbers.append(NumberExpr(self.rid, s, e, fragment, value, unit))

    def time(self, fragment: str, value: str, precision: str, after: int = 0) -> None:
        s, e = self.span(fragment, after)
        self.times.append(TimeExpr(self.rid, s, e, fragment, value, precision,  # type: ignore[arg-type]
                                   "publication"))

    def mention(self, fragment: str, type_: str, entity: str | None = None,
                after: int = 0) -> None:
        s, e = self.span(fragment, after)
        self.mentions.append(Mention(self.rid, s, e, fragment, type_, entity_id=entity))

    def quote(self, fragment: str, speaker: str, kind: str = "direct",
              entity: str | None = None, via: str | None = None, after: int = 0) -> None:
        s, e = self.span(fragment, after)
        self.quotes.append(Quote(id=f"{self.rid}-q{len(self.quotes)}", report_id=self.rid,
                                 start=s, end=e, text=fragment, kind=kind,  # type: ignore[arg-type]
                                 cue="said", speaker_text=speaker, speaker_entity_id=entity,
                                 via=via))

    def report(self) -> Report:
        return Report(id=self.rid, source=f"fixture://{self.rid}", text=self.text,
                      outlet=self.outlet, title=f"{self.outlet} on the Velmora strike",
                      published_at=self.published, published_precision="day",
                      published_source="metadata", language="en")

    def analysis(self) -> Analysis:
        return Analysis(report_id=self.rid, mentions=tuple(self.mentions),
                        quotes=tuple(self.quotes), numbers=tuple(self.numbers),
                        times=tuple(self.times), events=tuple(self.events),
                        claims=tuple(self.claims), sentences=tuple(self.sentences))


LEADER = "ent-orsolya"
MAYOR = "ent-mayor"


def build() -> tuple[Story, list[Report], dict[str, Analysis]]:
    a = Builder("rep-a", "Harbour Gazette", "2031-03-15")
    s = a.say("Dock workers in Velmora walked off the job on 14 March 2031, halting all "
              "container traffic at the port.")
    a.time("14 March 2031", "2031-03-14", "day", s)
    a.mention("Velmora", "GPE", "ent-velmora", s)
    s = a.say("About 1.200 dock workers joined the strike, the largest in the port's history.")
    a.number("1.200", 1200, "workers", s)
    s = a.say("The harbour will close for two weeks while repairs to the cranes are made.")
    s = a.say("“Only by standing together can we defend our wages and keep the port safe,” "
              "union leader Orsolya Brandt told the crowd.", "quoted", ("Orsolya Brandt",))
    a.quote("Only by standing together can we defend our wages and keep the port safe",
            "Orsolya Brandt", entity=LEADER, after=s)
    a.mention("Orsolya Brandt", "PERSON", LEADER, s)
    s = a.say("Brandt also accused the mayor, saying “the mayor has abandoned the families of "
              "this harbour to the shipping companies.”", "quoted", ("Brandt",))
    a.quote("the mayor has abandoned the families of this harbour to the shipping companies.",
            "Brandt", entity=LEADER, after=s)
    a.mention("Brandt", "PERSON", LEADER, s)
    a.say("A new bakery opened on the waterfront promenade last week.")

    b = Builder("rep-b", "Coastal Wire", "2031-03-15")
    s = b.say("The strike began in March 2031 when Velmora's dockers stopped work and container "
              "traffic at the port came to a halt.")
    b.time("March 2031", "2031-03", "month", s)
    b.mention("Velmora", "GPE", "ent-velmora", s)
    s = b.say("Some 1,200 dockers took part in the strike, according to a report by the Calder "
              "news agency.", "attributed", ("the Calder news agency",))
    b.number("1,200", 1200, "dockers", s)
    s = b.say("The harbour will close for two weeks, according to the port authority.",
              "attributed", ("the port authority",))
    s = b.say("“Only by standing together can we defend our wages and keep our port safe,” "
              "Orsolya Brandt said.", "quoted", ("Orsolya Brandt",))
    b.quote("Only by standing together can we defend our wages and keep our port safe",
            "Orsolya Brandt", entity=LEADER, after=s)
    b.mention("Orsolya Brandt", "PERSON", LEADER, s)
    s = b.say("She said the mayor had “handed the families of the harbour over to the shipping "
              "firms.”", "quoted", ("She",))
    b.quote("handed the families of the harbour over to the shipping firms.", "Brandt",
            entity=LEADER, after=s)

    c = Builder("rep-c", "Evening Courier", "2031-03-16")
    s = c.say("Dockers in Velmora went on strike on 14 March, bringing container traffic at "
              "the port to a standstill.")
    c.time("14 March", "2031-03-14", "day", s)
    c.mention("Velmora", "GPE", "ent-velmora", s)
    s = c.say("About 900 dock workers joined the strike, union officials said.", "attributed",
              ("union officials",))
    c.number("900", 900, "workers", s)
    s = c.say("“Our wages and the safety of our port can only be defended if we stand "
              "united,” said Orsolya Brandt, the union's leader.", "quoted", ("Orsolya Brandt",))
    c.quote("Our wages and the safety of our port can only be defended if we stand united",
            "Orsolya Brandt", entity=LEADER, after=s)
    c.mention("Orsolya Brandt", "PERSON", LEADER, s)
    c.say("The city council will debate a new budget for public schools next month.")

    builders = [a, b, c]
    reports = [x.report() for x in builders]
    analyses = {x.rid: x.analysis() for x in builders}
    story = Story(id="story-velmora", title="Velmora dock strike",
                  report_ids=tuple(r.id for r in reports), first_seen="2031-03-15",
                  last_seen="2031-03-16")
    return story, reports, analyses
