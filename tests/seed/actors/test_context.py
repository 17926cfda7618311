"""Actors a reader would accept, in articles written for these tests: what the
words around a name say it is (a place, a product, an event, a state), credit
lines and datelines, and one actor per person or organisation in a document."""
import pytest

from seed.actors.document import extract_actors
from seed.text.model import parse


@pytest.fixture(scope="module")
def actors_of():
    cache = {}

    def run(text):
        if text not in cache:
            cache[text] = extract_actors(parse(text))
        return cache[text]
    return run


def kinds(da) -> dict[str, str]:
    return {a.name: a.kind for a in da.actors.values()}


def mentions_of(da, name) -> set[str]:
    key = next(a.key for a in da.actors.values() if a.name == name)
    return {m.text for m in da.mentions if m.actor == key}


def test_credit_lines_hold_no_actors(actors_of):
    da = actors_of("The council voted to close the ferry, its chair Edda Morn said.\n\n"
                   "Reporting by Petra Lind; Editing by Jonas Wehr\n")
    assert "Petra Lind" not in kinds(da) and "Jonas Wehr" not in kinds(da)
    assert "Edda Morn" in kinds(da)


def test_a_dateline_names_a_place_and_its_agency_an_outlet(actors_of):
    da = actors_of("Ferries stopped\n\nTARNOW, May 30 (Coastline Wire) - Ferries stopped on Friday, the port said. "
                   "Tarnow has no other link to the mainland.\n")
    found = kinds(da)
    assert found.get("Coastline Wire") == "media"
    assert all(kind == "place" for name, kind in found.items() if name.lower() == "tarnow")


def test_an_agency_acronym_in_a_dateline_abbreviates_nothing(actors_of):
    da = actors_of("Ferries stopped\n\nELMSFORD (AP) - Ferries stopped on Friday, the port said.\n")
    assert kinds(da).get("AP") == "media"
    assert mentions_of(da, "ELMSFORD") == {"ELMSFORD"}


def test_products_platforms_weapons_and_events_are_not_actors(actors_of):
    da = actors_of("Brannholt Systems will spend $40 million on Quillby, its messaging app, chief executive "
                   "Ada Rusk said. Rusk spoke on the Glimmer messaging platform. Drennish forces fired "
                   "Pikestaff-3 missiles at the port. The strikes were the heaviest since the Ostvik Crisis of 2021. "
                   "Pikestaff strikes continued on Monday.")
    found = kinds(da)
    for thing in ("Quillby", "Glimmer", "Pikestaff", "Ostvik Crisis"):
        assert not any(thing in name for name in found), found
    assert found["Ada Rusk"] == "person"


def test_a_name_in_a_place_context_is_a_place_throughout(actors_of):
    da = actors_of("Rescue teams reached Oster, Valbrin and Krennet on Monday. Residents in Krennet waited for two "
                   "days. The river rose near the town of Brisk. Lukas Haldane, the governor, said Valbrin was cut off.")
    found = kinds(da)
    for place in ("Oster", "Valbrin", "Krennet", "Brisk"):
        assert found.get(place, "place") == "place", found
    assert "Lukas Haldane" in found


def test_a_bare_surname_is_the_person_whatever_the_tagger_said(actors_of):
    da = actors_of("Hana Okoro said talks had failed. Okoro said a second walkout would follow. "
                   "Dario Menck, chairman of the party, disagreed. Menck said the offer was fair.")
    assert mentions_of(da, "Hana Okoro") >= {"Hana Okoro", "Okoro"}
    assert mentions_of(da, "Dario Menck") >= {"Dario Menck", "Menck"}
    assert not any(a.name.lower().startswith(("chairman", "former")) for a in da.actors.values())


def test_two_people_who_share_a_surname_stay_two(actors_of):
    da = actors_of("Sofie Larn, the deputy, spoke first. Erik Larn, her brother and a lawmaker, spoke next.")
    assert kinds(da).get("Sofie Larn") == "person" and kinds(da).get("Erik Larn") == "person"


def test_a_short_form_of_an_organisation_joins_it(actors_of):
    da = actors_of("Support for the Civic Renewal Party fell to 27% in the poll. Civic Renewal leaders met on Monday. "
                   "Halvorn Systems said it would cut jobs. Halvorn shares rose 3%.")
    assert "Civic Renewal" in mentions_of(da, "Civic Renewal Party")


def test_a_demonym_in_the_document_makes_its_name_a_state(actors_of):
    da = actors_of("Veldorian troops crossed the border on Monday. Veldoria said the move was defensive.")
    assert kinds(da).get("Veldoria", "country") == "country"


def test_a_headline_verb_ends_a_name(actors_of):
    da = actors_of("Drennland Energy Agency Warns Of Winter Gas Shortfall\n\n"
                   "The Drennland Energy Agency said on Tuesday that storage was low.\n")
    assert not any("Warns" in name for name in kinds(da))


def test_an_acronym_defined_in_the_text_is_its_organisations(actors_of):
    da = actors_of("The Northern Relief Agency (NRA) said it had moved 1,240 people. The NRA asked for boats.")
    assert kinds(da).get("NRA", "organization") != "place"


def test_aliases_are_names_never_a_former_role_or_a_role_of_another(actors_of):
    da = actors_of("Former prime minister Ulla Brandt said she would stand. Defence Minister Tomas Aldrin agreed.")
    forms = {f for a in da.actors.values() for f in a.forms}
    assert not any(f.lower().startswith("former") for f in forms), forms
    assert "Defence Minister Tomas Aldrin" in forms


def test_a_role_of_another_person_is_no_alias(actors_of):
    da = actors_of("Mr. Halloran is now the chairman of Mrs. Vantree's campaign. Edith Vantree said she was glad.")
    forms = {f for a in da.actors.values() for f in a.forms}
    assert not any("chairman of" in f for f in forms), forms
