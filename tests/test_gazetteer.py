from datetime import date

import pytest

from newsarchive import gazetteer


def test_63_old_units_map_onto_34_current_ones() -> None:
    assert len(gazetteer.provinces()) == 63
    units = gazetteer.current_units()
    assert len(units) == 34
    assert sum(len(members) for members in units.values()) == 63


def test_every_successor_is_itself_a_current_unit_member() -> None:
    for name, members in gazetteer.current_units().items():
        assert gazetteer.current_unit(name) == name
        assert all(gazetteer.current_unit(m) == name for m in members)


@pytest.mark.parametrize(("spelling", "name"), [
    ("TP.HCM", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("TT-Huế", "Thừa Thiên Huế"), ("Huế", "Thừa Thiên Huế"), ("BR-VT", "Bà Rịa - Vũng Tàu"),
    ("Đắc Lắc", "Đắk Lắk"), ("Hoà Bình", "Hòa Bình"), ("khánh hoà", "Khánh Hòa"),
], ids=lambda v: v)
def test_lookup_aliases(spelling: str, name: str) -> None:
    unit = gazetteer.lookup(spelling)
    assert unit is not None and unit.name == name


@pytest.mark.parametrize(("old", "new"), [
    ("Bến Tre", "Vĩnh Long"), ("Kiên Giang", "An Giang"), ("Hải Dương", "Hải Phòng"),
    ("Lai Châu", "Lai Châu"), ("Bình Định", "Gia Lai"), ("Thừa Thiên Huế", "Huế"),
])
def test_current_unit_after_merger(old: str, new: str) -> None:
    assert gazetteer.current_unit(old) == new


def test_hue_renamed_on_first_of_january_2025() -> None:
    hue = gazetteer.provinces()["Thừa Thiên Huế"]
    assert hue.name_on(date(2024, 12, 31)) == "Thừa Thiên Huế"
    assert hue.name_on(date(2025, 1, 1)) == "Huế"


def test_unknown_name() -> None:
    assert gazetteer.lookup("Atlantis") is None
    assert gazetteer.current_unit("Atlantis") is None
