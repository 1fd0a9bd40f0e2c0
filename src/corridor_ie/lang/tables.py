"""Schemas of the data tables every language has (``lang/<code>/events.toml``, ``commitments.toml``,
``sectors.toml``). Tables only one language has (its date words, its name shapes) are declared in that
language's module. Field comments are the documentation of the keys.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..tables import Table

Words = list[str]
Role = Literal["chaired", "spoke", "reported", "signed", "attended", "hosted"]
Format = Literal["in_person", "online", "hybrid"]


def words() -> Words:
    return Field(default_factory=list)


# --------------------------------------------------------------------------- events.toml


class Nouns(Table):
    conference: Words = words()  # nouns of a conference ("hội nghị", 会议, "conference")
    other: Words = words()  # meetings of another kind: an edition right before one is theirs ("kỳ họp thứ 8")
    reference: Words = words()  # words that refer back to the reported event ("sự kiện", 本次会议)


class EditionScope(Table):
    after_gap: int = 1  # characters allowed between an edition and the noun after it
    year_gap: int = 12  # a year this close after a series name dates it
    scope_stops: Words = words()  # punctuation that ends an edition's scope


class Host(Table):
    verbs: Words = words()  # "đăng cai", 主办: the place before the verb hosts
    openers: Words = words()  # "do", 由: the host phrase starts after one
    prefixes: Words = words()  # "hosted by": the place after it hosts
    not_after: Words = words()  # a host verb right after one of these hosts nothing ("được tổ chức", "các tổ chức")


class Location(Table):
    cues: Words = words()  # "tại", 在, "in": the place after it is where the event is held
    fillers: Words = words()  # words allowed between the cue and the place ("thành phố")
    venues: Words = words()  # a venue named before the place ("tại Học viện X, tỉnh Y"): up to the comma


class Documents(Table):
    nouns: Words = words()  # "Biên bản", 纪要, "minutes"
    signing: Words = words()  # verbs of signing before the noun
    stops: Words = words()  # words that end a document's name
    noun_last: bool = False  # the document's name comes before its noun (Chinese)
    cut_after_edition: bool = False  # the name ends after the edition it names
    window: int = 30  # characters a signing verb may stand before the noun


class Officials(Table):
    roles: dict[str, Role] = Field(default_factory=dict)  # verb phrase -> role of a person in its clause
    statement_verbs: Words = words()  # verbs of saying that tie a person to the event sentence
    apposition_stops: Words = words()  # words that end an apposition title ("cho biết", "said")
    role_blockers: Words = words()  # words that make a role verb a noun ("việc ký kết")
    title_suffixes: Words = words()  # words that continue a title ("Thường trực")
    org_heads: Words = words()  # last words of a title that head the organisation ("Sở")
    connectors: Words = words()  # words between a title and its organisation ("của", "of the")


class ConferenceNames(Table):
    """How a conference is named around its edition ("Hội nghị … lần thứ 10 …", "…第十次会议",
    "the 10th meeting of …") and what a name may contain (read by ``assemble.mentions``)."""

    heads: Words = words()  # event nouns an edition numbers ("hội nghị", "phiên họp", 会议, "meeting")
    # where a name starts before its edition: at the last head noun ("Hội nghị X lần thứ 10"), at the start
    # of the clause ("X第十次会议"), or nowhere (English: "the 10th meeting of X")
    name_before: Literal["head", "clause", "none"] = "head"
    head_gap: int = 40  # characters between an edition and a head noun after it ("the 10th Joint … meeting")
    head_gap_words: Words = words()  # words that may stand between an edition and its head in any case
    reach: int = 320  # characters a name may run on either side of its edition
    stops: Words = words()  # words that end a name: verbs, prepositions of time and place, frames
    continuations: Words = words()  # words that carry a name on after its edition or head ("giữa", "of")
    capitalised_continues: bool = False  # a capitalised word after an edition continues the name
    joiners: Words = words()  # words that join two events in one phrase ("và", 暨, "and")
    domestic: Words = words()  # a name with one of these is a domestic meeting ("Quốc hội", 人大, "Party Congress")
    not_events: Words = words()  # a head right before one of these is no event ("hội nghị trực tuyến" is fine)
    pronoun_sides: Words = words()  # a name whose sides are a pronoun ("… between secretaries of their provincial
    #                                 Party committees", 双方): the sides are the places named before it in its sentence
    international: Words = words()  # words that make a name cross-border ("quốc tế", 国际, "international")
    pairs: dict[str, Words] = Field(default_factory=dict)  # words naming both countries -> their ids ("Việt - Trung")
    year_joins: Words = words()  # words between a name and the year that names an edition ("năm", "in")
    captions: Words = words()  # a line with one of these is a photo caption: its names are no mentions
    modifier_ends: Words = words()  # right before an edition, ends a modifier, not a name ("…梦想的第20届")
    copulas: Words = words()  # "X là kỳ … lần thứ 12", "X是第五次": the edition numbers the subject X


class ConferenceStatus(Table):
    """Cue words of a conference's status, read in the clause of each of its mentions."""

    frames: Words = words()  # the event frames another one: referenced ("trong khuôn khổ", "within the framework of")
    planned_before: Words = words()  # before a name: it is being prepared ("chuẩn bị", "gearing up for")
    happened: Words = words()  # after (or before) a name: it took place ("diễn ra", 举行, "took place")
    happened_before: Words = words()  # before a name: someone held or attended it ("tổ chức", "attended")
    past: Words = words()  # it is an earlier one ("kể từ", 此前, "since", "reached at")
    past_after: Words = words()  # after a name: it is an earlier one ("năm ngoái", 去年, "earlier this year")
    previous_year: Words = words()  # "the first … took place last year": the one before this year's (its next is this one)
    along: Words = words()  # before a name: it goes with the one before ("đồng thời", 同时, "at the same time")
    about: Words = words()  # right before a name: another event is about it ("họp báo về", "press conference on")
    announced: Words = words()  # of those, the ones that announce it (a press conference on it): it is planned
    separate: Words = words()  # a sentence with one of these (and no conference) tells of separate talks ("会见")


class EventsTable(Table):
    """``lang/<code>/events.toml``: cue words of the conference and official builders."""

    future: Words = words()  # cues that an edition has not happened yet ("sẽ", 将于, "will")
    format: dict[str, Format] = Field(default_factory=dict)  # phrase -> format of the event
    nouns: Nouns = Nouns()
    editions: EditionScope = EditionScope()
    host: Host = Host()
    location: Location = Location()
    documents: Documents = Documents()
    officials: Officials = Officials()
    conference: ConferenceNames = ConferenceNames()
    status: ConferenceStatus = ConferenceStatus()
    # mechanism key (``data/events.toml [mechanisms]``) -> how this language words it
    mechanisms: dict[str, Words] = Field(default_factory=dict)
    # scope key ("asean", "south-asia") -> words naming a partner region that the gazetteer does not hold
    scopes: dict[str, Words] = Field(default_factory=dict)


# --------------------------------------------------------------------------- commitments.toml


class Modality(Table):
    """A cue word and the modality of the action that follows it."""

    agreed: Words = words()
    proposed: Words = words()
    requested: Words = words()
    completed: Words = words()


class Blockers(Table):
    before: Words = words()  # a cue right after one of these is a noun ("sự thống nhất", "the agreed minutes")
    after: Words = words()  # a cue right before one of these states no action
    after_punct: str = ""  # punctuation right after a cue that shows it states no action
    soft_punct: str = ""  # punctuation after which an actor or action verb must follow
    purpose: Words = words()  # a cue shortly after one of these sits in a purpose clause
    purpose_window: int = 8  # ... within this many words
    belief: Words = words()  # a cue shortly after one of these states a belief or forecast ("tin tưởng", 意味着)
    belief_window: int = 10  # ... within this many words
    planned: Words = words()  # a subject cue whose clause holds one of these announces an event ("will be held")


class Actors(Table):
    phrases: Words = words()  # collective actors kept as written ("hai bên", 双方, "the two sides")
    joint: Words = words()  # of those, the ones naming every side: a request addressed to them is a proposal
    side: Words = words()  # the word that makes the place after it an actor ("phía X")
    not_after: Words = words()  # a collective phrase right after one of these is an object
    place_words: Words = words()  # words that may stand before a subject place ("Tỉnh X cam kết")
    heads: Words = words()  # last words of a subject noun phrase ("localities", 方, "tỉnh"): a subject cue may follow
    pronouns: Words = words()  # pronouns that may stand as the subject of a subject cue ("they", 我们)
    subject_fillers: Words = words()  # words between a subject and its cue ("also", 也, "cũng")
    speech_verbs: Words = words()  # verbs of saying that may stand for the subject ("强调，应…", "nhấn mạnh cần…")
    addressee_window: int = 6  # words a request cue's addressee may have before the action verb
    addressee_lists: bool = True  # an addressee may be a list with commas ("tỉnh X và các bộ, ngành …")
    addressee_is_actor: bool = False  # an addressee must open with an actor (a name, 双方, 部门): 希望氛围得到巩固 is no request
    future: Words = words()  # "hy vọng hội chợ sẽ thu hút": before the verb, only an actor may be asked
    nominal_marker: Words = words()  # after a nominal cue, the verb of an addressee follows this ("the need for X to")
    coordinators: Words = words()  # words joining two addressees (和, "và", "and"): with a country, every side


class Continuation(Table):
    openers: Words = words()  # sentence openers that continue a list ("Thứ hai,")
    topics: Words = words()  # topic openers before an action ("Về …,")
    topic_items: Words = words()  # of those, the ones that open an item of a list when a verb follows (在…方面加强…)
    verbs: Words = words()  # action verbs an imperative list item starts with
    nominal_verbs: Words = words()  # verbs often used as nouns: they start an item after ";" only
    not_verbs: Words = words()  # nouns that start with a verb ("giao thông"): never a verb
    report_verbs: Words = words()  # verbs of the talks themselves ("thảo luận", 探讨): no implicit agreement
    adverbs: Words = words()  # words that may stand before the verb of an item
    hard_breaks: Words = words()  # connectors after "," that end a clause
    anaphora: Words = words()  # words that refer back: such a piece stays with the one before
    verb_end_joins: bool = True  # a piece that ends in a verb stays with the next ("trao đổi, chia sẻ …")
    noun_ends: Words = words()  # ... except a verb that, ending a piece, is its noun ("friendship exchange")
    weak_stops: Words = words()  # a weak separator does not split before a piece holding one of these (的)
    past_after: Words = words()  # a verb followed by one of these reports the past ("探讨了"): no item starts so
    nominal_heads: Words = words()  # action nouns that start an item after a nominal cue ("settlement")
    nominal_head_window: int = 3  # ... within this many first words of the piece ("timely settlement of")
    nominal_determiners: Words = words()  # before an action noun right after a cue ("encouraged the establishment of")


class Deadline(Table):
    before: Words = words()  # a DATE right after one of these is a deadline ("trong năm 2025", "by 2025")
    after: Words = words()  # ... or right before one of these (6月前)


class Projects(Table):
    heads: Words = words()  # heads of project phrases kept as objects ("dự án", "bridge")
    stop: Words = words()  # words that end a project phrase
    before: Words = words()  # words that make a head something else ("nhu cầu")
    max_words: int = 16


class Completed(Table):
    needs: list[Literal["sector", "object"]] = Field(default_factory=list)  # a completed action needs one


class Signing(Table):
    """The signing of a document at the reported event: a ``completed`` commitment from the verb on."""

    verbs: Words = words()  # "ký kết", 签署, "signed"
    documents: Words = words()  # what is signed ("biên bản", 纪要, "minutes")
    before: Words = words()  # words that may stand right before the verb and belong to the action (共同)
    blocked_before: Words = words()  # a verb right after one of these is no signing at the event (已, "các")
    blocked_after: Words = words()  # ... or right before one of these (签署的)
    stops: Words = words()  # words that end the action ("với các nội dung", "at the")
    place_words: Words = words()  # a place or date after one of these ends the action ("in", "tại", 在)
    window: int = 6  # words between the verb and the document noun


class Tails(Table):
    drop: Words = words()  # a piece of a list that starts with one of these is a purpose, not an action (以, "nhằm")
    cut: Words = words()  # an action is cut before one of these ("in order to", "nhằm", 以便)
    drop_end: Words = words()  # a piece that ends with one of these is a purpose ("为…作出贡献")
    speech: Words = words()  # a last comma piece of a few words ending with one of these is dropped (", Dam said")


class CommitmentsTable(Table):
    """``lang/<code>/commitments.toml``: cue words of the commitment builder."""

    modality: Modality = Modality()
    subject_modality: Modality = Modality()  # cues that need a subject before them ("hai bên sẽ", 双方将, "X will")
    nominal_modality: Modality = Modality()  # cues followed by noun phrases, not verbs ("called for", "the need for")
    request_with_actor: Words = words()  # requested when an addressee other than every side follows ("đề nghị phía X")
    require_action: bool = False  # a cue must be followed by an action verb, a list opener or a vague head with a list
    joint_subject_agrees: bool = False  # "Hai bên tích cực phối hợp …", 双方继续加强…: every side as subject of an
    # action verb, with no cue, states an agreement (a verb of talking about it does not: report_verbs)
    split_semicolons: bool = False  # ";" always separates items, noun phrases too ("…; khu công nghiệp …; …")
    cut_min_words: int = 0  # an item cut short by the end of the excerpt needs this many words ("đẩy mạnh k")
    blockers: Blockers = Blockers()
    actors: Actors = Actors()
    openers: Words = words()  # what introduces an enumeration of actions ("gồm:")
    vague: Words = words()  # heads of a non-action ("một số nội dung")
    vague_links: Words = words()  # ... which commit only when one of these follows ("là", ":")
    examples: Words = words()  # words that open examples, not actions ("such as")
    item_separators: Words = Field(default_factory=lambda: [","])  # separators of items inside a clause
    nominal_separators: Words = words()  # separators of the noun-phrase items after a nominal cue ("plus")
    weak_separators: Words = words()  # of item_separators, those that split only between two verb phrases (、)
    continuation: Continuation = Continuation()
    strip: Words = words()  # words dropped from the start of an action ("việc", "to")
    deadline: Deadline = Deadline()
    projects: Projects = Projects()
    completed: Completed = Completed()
    signing: Signing = Signing()
    tails: Tails = Tails()


# --------------------------------------------------------------------------- sectors.toml


class SectorsTable(Table):
    """``lang/<code>/sectors.toml``: cue words per sector (names from ``data/sectors.toml``)."""

    exclude: Words = words()  # phrases that look like a cue but are no sector ("môi trường kinh doanh")
    sectors: dict[str, Words] = Field(default_factory=dict)


# --------------------------------------------------------------------------- shared parts of dates.toml

Unit = Literal["day", "week", "month", "year"]
PartOfDay = Literal["morning", "afternoon", "evening"]
Qualifier = Literal["more_than", "about", "at_least"]
CountUnit = Literal["delegates", "businesses", "guests", "participants", "provinces", "countries"]


class Relative(Table):
    """A relative date expression: ``offset`` ``unit``s from the publication date."""

    words: str
    unit: Unit
    offset: int
    part_of_day: PartOfDay | None = None


class Quantities(Table):
    """Words of attendance-style counts ("hơn 250 đại biểu")."""

    qualifiers: dict[str, Qualifier] = Field(default_factory=dict)  # "hơn" -> more_than
    scale: dict[str, int] = Field(default_factory=dict)  # "nghìn" -> 1000
    units: dict[str, CountUnit] = Field(default_factory=dict)  # "đại biểu" -> delegates


# --------------------------------------------------------------------------- data/persons.toml


class Scores(Table):
    title: float = 0.9
    honorific: float = 0.9
    list: float = 0.9
    apposition: float = 0.85
    zh_title: float = 0.85
    en_title: float = 0.85
    name_shape: float = 0.5
    two_syllables_after_org: float = 0.7  # a 2-syllable name reached only after organisation/place words
    repeat: float = 0.8  # another occurrence of a name found with a cue in the same document
    bonus: float = 0.05  # added for each further cue that agrees


class PersonScores(Table):
    """``data/persons.toml``: confidence of a person hit per cue kind, for every language."""

    scores: Scores = Scores()


# --------------------------------------------------------------------------- data/sectors.toml


class SectorVocabulary(Table):
    """``data/sectors.toml``: the fixed sector names of commitment records, each with what it covers."""

    sectors: dict[str, str] = Field(default_factory=dict)
