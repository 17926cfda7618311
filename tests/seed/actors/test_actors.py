"""The actors stage on sentences written for these tests."""
import pytest

from seed.actors.document import extract_actors
from seed.text.model import parse


@pytest.fixture(scope="module")
def actors_of():
    cache = {}

    def run(text):
        if text not in cache:
            doc = parse(text)
            cache[text] = (doc, extract_actors(doc))
        return cache[text]
    return run


def by_name(result, name):
    _, da = result
    hits = [a for a in da.actors.values() if a.name == name]
    assert len(hits) == 1, [a.name for a in da.actors.values()]
    return hits[0]


def mention_texts(result, key):
    return [m.text for m in result[1].mentions if m.actor == key]


def test_title_is_split_off_into_the_description(actors_of):
    r = actors_of("Norwegian Foreign Minister Ingrid Halvorsen said on Tuesday that talks would resume.")
    a = by_name(r, "Ingrid Halvorsen")
    assert a.kind == "person"
    assert a.description == "Norwegian Foreign Minister"
    assert "Norwegian Foreign Minister Ingrid Halvorsen" in a.forms
    assert mention_texts(r, a.key) == ["Ingrid Halvorsen"]
    assert not any(x.name == "Norwegian" for x in r[1].actors.values())


def test_apposition_becomes_the_description(actors_of):
    r = actors_of("Anna Berg, a professor of economics at Uppsala University, said the plan was sound.")
    assert by_name(r, "Anna Berg").description == "a professor of economics at Uppsala University"
    assert by_name(r, "Uppsala University").kind == "organization"


def test_possessive_is_stripped_from_the_name(actors_of):
    r = actors_of("Maria Lindqvist's report was published on Friday.")
    a = by_name(r, "Maria Lindqvist")
    assert mention_texts(r, a.key) == ["Maria Lindqvist"]


def test_surname_resolves_to_full_name_introduced_earlier(actors_of):
    r = actors_of("Economist Tomas Berglund said prices would rise. Berglund added that wages lag behind.")
    a = by_name(r, "Tomas Berglund")
    assert mention_texts(r, a.key) == ["Tomas Berglund", "Berglund"]
    assert len([x for x in r[1].actors.values() if x.kind == "person"]) == 1


def test_acronym_in_parentheses_and_bare_acronym_join_the_expansion(actors_of):
    r = actors_of("The Regional Water Authority (RWA) said reservoirs were low. The RWA later warned of rationing.")
    a = by_name(r, "Regional Water Authority")
    assert mention_texts(r, a.key) == ["Regional Water Authority", "RWA", "RWA"]
    assert {"RWA", "Regional Water Authority"} <= a.forms


def test_city_the_model_tags_as_a_person_is_not_a_person(actors_of):
    r = actors_of("Dakar's summer offensive surprised observers.")
    assert not [a for a in r[1].actors.values() if a.kind == "person"]
    # used as an agent, the city stands for its state
    assert by_name(r, "Senegal").forms == {"Dakar"}


def test_two_people_sharing_a_surname_stay_apart(actors_of):
    r = actors_of("Anna Kowalski, a senator from Ohio, met Piotr Kowalski, the mayor of Dayton. "
                  "Anna Kowalski said the meeting went well.")
    anna, piotr = by_name(r, "Anna Kowalski"), by_name(r, "Piotr Kowalski")
    assert anna.key != piotr.key
    assert mention_texts(r, anna.key) == ["Anna Kowalski", "Anna Kowalski"]
    assert mention_texts(r, piotr.key) == ["Piotr Kowalski"]


def test_demonym_intelligence_maps_to_the_named_service(actors_of):
    r = actors_of("Norway's Intelligence Service warned of sabotage on Monday. "
                  "Norwegian intelligence has tracked the ships since May.")
    services = [a for a in r[1].actors.values() if a.kind == "organization"]
    assert len(services) == 1
    assert "Norwegian intelligence" in services[0].forms
    assert mention_texts(r, services[0].key) == ["Intelligence Service", "Norwegian intelligence"]


def test_outlet_named_by_its_context_is_media(actors_of):
    r = actors_of("The Estonian Paevaleht news outlet reported on Tuesday that the port was closed.")
    assert by_name(r, "Paevaleht").kind == "media"


def test_photo_credits_and_platforms_are_not_actors(actors_of):
    r = actors_of("Soldiers march in the capital.\nImage: Jonas Petersen/AFP\n\n"
                  "The minister Karl Lund said on Twitter that the march was a success.")
    names = {a.name for a in r[1].actors.values()}
    assert "Karl Lund" in names
    assert not names & {"Jonas Petersen", "Twitter", "AFP"}


SAMPLES = [
    "Norwegian Foreign Minister Ingrid Halvorsen said on Tuesday that talks would resume.",
    "The Regional Water Authority (RWA) said reservoirs were low. The RWA later warned of rationing.",
    "Anna Kowalski, a senator from Ohio, met Piotr Kowalski, the mayor of Dayton. Anna Kowalski said it went well.",
    "Lisbon's decision surprised Madrid, the Spanish government said. The Guardian's reporter told the BBC.",
    "  Maria Lindqvist’s report\n\nwas cited by Reuters (Oslo), the Nordic Times and  Prime Minister Erik Dahl.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_mention_is_an_exact_sorted_non_overlapping_span(actors_of, text):
    doc, da = actors_of(text)
    assert da.mentions
    for m in da.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert m.actor in da.actors
        assert m.text in da.actors[m.actor].forms
    for a, b in zip(da.mentions, da.mentions[1:]):
        assert a.end <= b.start
