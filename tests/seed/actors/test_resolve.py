"""Cross-document actor resolution on invented names."""
from seed.records import LocalActor
from seed.actors.resolve import KnownActor, resolve


def local(key, name, kind="person", forms=(), description=None):
    return LocalActor(key, name, kind, description, set(forms) | {name})


def test_hyphen_and_spacing_variants_merge():
    known = [KnownActor(1, "Park Ji-won", "person", {"Park Ji-won"})]
    res = resolve(known, [local("a0", "Park Ji Won")])
    assert res.existing == {"a0": 1}
    assert res.new_aliases == {1: {"Park Ji Won"}}


def test_transliteration_variants_merge():
    known = [KnownActor(1, "Yulia Tymoshenko", "person", {"Yulia Tymoshenko"})]
    res = resolve(known, [local("a0", "Yuliya Tymoshenkoo"), local("a1", "Tymoshenko")])
    assert res.existing == {"a0": 1, "a1": 1}
    assert not res.new_actors


def test_people_sharing_a_family_name_never_merge_across_documents():
    known = [KnownActor(1, "Lee Min-ho", "person", {"Lee Min-ho"})]
    res = resolve(known, [local("a0", "Lee Seo-yeon")])
    assert res.existing == {}
    assert [a.name for a in res.new_actors] == ["Lee Seo-yeon"]


def test_bare_surname_merges_only_when_one_known_person_carries_it():
    two = [KnownActor(1, "Lee Min-ho", "person", {"Lee Min-ho"}),
           KnownActor(2, "Lee Seo-yeon", "person", {"Lee Seo-yeon"})]
    assert resolve(two, [local("a0", "Lee")]).existing == {}
    one = two[:1]
    assert resolve(one, [local("a0", "Lee")]).existing == {"a0": 1}


def test_acronym_merges_with_its_expansion_and_the_expansion_becomes_the_name():
    known = [KnownActor(7, "RWA", "organization", {"RWA"})]
    res = resolve(known, [local("a0", "Regional Water Authority", "organization")])
    assert res.existing == {"a0": 7}
    assert res.renames == {7: "Regional Water Authority"}


def test_fuller_name_renames_a_known_short_form():
    known = [KnownActor(3, "Tymoshenko", "person", {"Tymoshenko"})]
    res = resolve(known, [local("a0", "Yulia Tymoshenko", forms={"Prime Minister Yulia Tymoshenko"})])
    assert res.existing == {"a0": 3}
    assert res.renames == {3: "Yulia Tymoshenko"}
    assert known[0].name == "Tymoshenko"  # the caller's records are not modified


def test_person_and_organisation_with_one_name_stay_apart():
    known = [KnownActor(1, "Harper", "organization", {"Harper"})]
    res = resolve(known, [local("a0", "Harper", "person")])
    assert res.existing == {}


def test_state_merges_with_its_government_described_by_demonym():
    known = [KnownActor(1, "Estonian government", "country", {"Estonian government"})]
    res = resolve(known, [local("a0", "Estonia", "country")])
    assert res.existing == {"a0": 1}


def test_actors_new_in_one_call_merge_with_each_other_deterministically():
    incoming = [local("a0", "Mira Sandoval"), local("b0", "Sandoval"), local("c0", "Sandoval", "organization")]
    first, second = resolve([], incoming), resolve([], incoming)
    assert first.created == second.created == {"a0": 0, "b0": 0, "c0": 1}
    assert first.target("b0") == ("new", 0)
