"""Word lists for attribution, hedging and denial, written for newsprism.

Lists hold lemmas (lower case) unless said otherwise. They are grouped by what the words do in
a news sentence, so that a rule can ask "is this a verb of saying?" rather than list words.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech or writing: their subject is a source, their complement the content.
SPEECH_VERBS: frozenset[str] = _words("""
    say tell add state claim declare announce note stress call echo yell chant bark scream
    whisper mutter mumble interject interrupt cry insist argue assert warn explain
    affirm confirm deny reject admit acknowledge allege report write tweet post suggest predict
    promise vow pledge urge ask demand reply respond answer emphasize emphasise highlight mention
    reiterate recall comment remark observe contend maintain concede estimate indicate accuse
    criticize criticise slam blast praise hail propose recommend boast complain lament joke quip
    testify disclose reveal inform threaten charge retort agree disagree describe
    conclude question cite caution speculate assure swear tout exclaim shout proclaim underline
    underscore denounce condemn dismiss welcome hint imply signal brief advise predict forecast
    order instruct tell relay convey concur object protest plead appeal reassure repeat
    clarify specify elaborate summarize summarise muse lash
    """)

# Verbs of belief, knowledge and intention: attribution of an inner state. They count as a cue
# only with a clausal complement ("believes that ..."), never with a bare object.
COGNITION_VERBS: frozenset[str] = _words("""
    think believe feel hope fear expect know understand doubt worry wonder consider assume
    suspect realize realise recognize recognise reckon guess imagine anticipate figure decide
    determine judge insist sense acknowledge remember forget learn discover find see
    """)

# Non-human evidence that "says" something: "polls show that ...", "the data suggest ...".
EVIDENCE_VERBS: frozenset[str] = _words("show suggest indicate find reveal demonstrate")

# Verbs through which a channel passes someone's words on: "X, the agency reported";
# "the agency quoted X as saying"; "X was quoted by the agency".
REPORTING_VERBS: frozenset[str] = _words(
    "report quote cite carry broadcast publish air relay say write"
)

# Verbs of saying whose object noun phrase is what was said ("denied the report", "stressed
# the need to ..."); for other verbs of saying the object is not content ("added fuel").
OBJECT_CONTENT_VERBS: frozenset[str] = _words("""
    deny reject confirm announce admit acknowledge allege criticize criticise slam blast praise
    hail condemn denounce dismiss stress emphasize emphasise highlight reiterate predict propose
    recommend urge demand promise pledge vow threaten accuse describe call question dispute
    disclose reveal mention cite forecast estimate claim""")
# Abstract nouns that are subjects of "call for", "emphasize", "threaten" without being a
# speaker ("the idea calls for ...", "the change threatens ...").
ABSTRACT_NOUNS: frozenset[str] = _words("""
    idea notion concept thing way reason fact problem issue question crime corner value change
    dispute spectacle refusal attempt effort move step trend result phrase word term situation
    case matter approach""")
# Head nouns of a news channel: "state media", "the news agency", "the newspaper".
MEDIA_NOUNS: frozenset[str] = _words("""
    media agency news newspaper paper daily television tv radio channel broadcaster network
    outlet website site wire service press journal magazine tabloid publication station
    """)
# Nouns naming a report-like document; "a report by the X agency" names the channel X.
REPORT_NOUNS: frozenset[str] = _words("""
    report statement interview article broadcast bulletin dispatch transcript release
    communique communiqué readout post tweet video footage story account
    """)

# Words after which a capitalized name is a person: titles, ranks and offices (lower case;
# abbreviations keep their dot).
PERSON_TITLES: frozenset[str] = _words("""
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady
    president vice-president minister premier chancellor secretary ambassador envoy governor
    senator sen. rep. representative congressman congresswoman mayor judge justice king queen
    prince princess emperor sheikh sheik emir ayatollah imam cleric rabbi pope cardinal bishop
    father reverend rev. general gen. lt. lieutenant colonel col. major maj. captain capt.
    commander cmdr. admiral adm. brigadier sergeant sgt. corporal marshal chief spokesman
    spokeswoman spokesperson director chairman chairwoman chair ceo founder leader
    commissioner inspector detective officer prosecutor attorney lawyer professor coach
    """)

# Head nouns of a role phrase ("the chief of staff of the army", "the defense minister").
ROLE_NOUNS: frozenset[str] = PERSON_TITLES | _words("""
    official adviser advisor aide head deputy member spokesperson analyst expert researcher
    economist diplomat negotiator representative counterpart candidate nominee lawmaker
    legislator politician strategist pollster activist executive manager founder owner
    editor correspondent reporter author witness resident source officer soldier commander
    staff chairperson secretary-general undersecretary administrator investigator scientist
    """)

# Nouns that denote a person or group of people: a description speaker is one of these
# ("a senior official", "the ministry's spokesman", "local residents").
PERSON_NOUNS: frozenset[str] = ROLE_NOUNS | _words("""
    man woman people person resident residents citizen voter worker student teacher doctor
    nurse farmer driver witness victim survivor relative family protester protesters
    supporter critic opponent insider observer participant organizer organiser
    """)

# Pronouns that stand for one person; plural/collective ones are resolved to groups.
PERSON_PRONOUNS: frozenset[str] = _words("he she him her his hers himself herself")
GROUP_PRONOUNS: frozenset[str] = _words("they them their it its we")

# Adverbs and phrases by which a writer keeps distance from a claim (lower case).
HEDGE_ADVERBS: frozenset[str] = _words("""
    reportedly allegedly apparently purportedly supposedly seemingly possibly perhaps probably
    likely unconfirmed presumably ostensibly arguably maybe rumoured rumored alleged
    """)
HEDGE_MODALS: frozenset[str] = _words("may might could")
# "is believed to", "is said to", "appears to": passive or raising verbs before an infinitive.
HEDGE_RAISING: frozenset[str] = _words(
    "believe say think expect suspect report rumor rumour understand allege"
)
HEDGE_SEEM: frozenset[str] = _words("appear seem")
# Cue verbs that themselves mark a claim as contested: "X claimed that ...".
HEDGE_CUES: frozenset[str] = _words("claim allege purport")
# Subjects that make an attribution vague: "sources say", "officials said" without a name.
VAGUE_SOURCES: frozenset[str] = _words("source sources insider insiders rumor rumors")

# Verbs of denial and refutation (lemmas).
DENIAL_VERBS: frozenset[str] = _words("""
    deny reject refute dismiss dispute rebut rebuff contradict disavow repudiate debunk
    disprove retract
    """)
# Words that, with "no", deny that support exists: "no evidence", "no proof".
DENIAL_NOUNS: frozenset[str] = _words("evidence proof basis truth sign indication")
DENIAL_ADJECTIVES: frozenset[str] = _words("false untrue baseless unfounded groundless")

# Lines that carry no claim: site furniture and calls to action (lower case, whole line).
BOILERPLATE_LINES: frozenset[str] = frozenset(
    line.strip()
    for line in """
    read more|related topics|related|post a comment|leave a comment|share this|share
    |advertisement|subscribe|sign up|click here|comments|print|email|tweet|follow us
    |you may also like|recommended|more from|top stories|latest news|trending|sponsored
    """.replace("\n", "").split("|")
)
