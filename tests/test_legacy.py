"""Legacy Vietnamese encodings: the TCVN3 and VNI tables round-trip our own sentences,
and a decoding is only accepted when it reads as Vietnamese (issue 14)."""

from __future__ import annotations

import pytest
from hostile_inputs import mojibake, to_tcvn3, to_vni

from newsarchive.clean.legacy import decode_tcvn3, decode_vni, undo_mojibake, vietnamese_score
from newsarchive.clean.raw import RawText
from newsarchive.errors import RawInputError

SENTENCES = [
    "Đại hội Chi bộ Văn phòng nhiệm kỳ 2020-2025 đã thành công tốt đẹp.",
    "Người dân ở Cà Mau, Thừa Thiên Huế và Quảng Ngãi đón nhận nghị quyết mới.",
    "Ủy ban nhân dân tỉnh Lai Châu tổng kết công tác thi đua, khen thưởng năm 2011.",
    "Hội nghị sơ kết 6 tháng đầu năm; các đồng chí lãnh đạo phát biểu chỉ đạo.",
    "Ỷ lại, kỹ lưỡng, ỵ, Ỵ, Ữ, ứ, ợ, Ờ, ẵ, Ẫ, ệ, Ể, ọ, ị, ỉ, ĩ, ì, í - đủ mọi dấu.",
]


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_vni_round_trip(sentence: str) -> None:
    assert decode_vni(to_vni(sentence)) == sentence


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_tcvn3_round_trip(sentence: str) -> None:
    """TCVN3 has no upper-case toned letters: lower case round-trips."""
    assert decode_tcvn3(to_tcvn3(sentence.lower())) == sentence.lower()


@pytest.mark.parametrize("sentence", SENTENCES[:4], ids=range(4))
def test_mojibake_is_undone(sentence: str) -> None:
    assert undo_mojibake(mojibake(sentence).decode()) == sentence


@pytest.mark.parametrize(("encode", "name"), [(to_tcvn3, "tcvn3"), (to_vni, "vni")],
                         ids=["tcvn3", "vni"])
def test_raw_files_in_legacy_encodings_are_detected(encode, name: str) -> None:
    text = " ".join(SENTENCES[:4])
    raw = RawText.from_bytes(encode(text.lower() if name == "tcvn3" else text), "x.txt")
    assert raw.encoding == name
    assert raw.text == (text.lower() if name == "tcvn3" else text)


@pytest.mark.parametrize(("data", "says"), [
    pytest.param(bytes(range(0x80, 0x100)) * 4 + b" cua va cac trong duoc nam",
                 "too few to trust", id="garbage-with-common-words"),
    pytest.param("Hội nghị ChÃ­nh trá?‹".encode(), "decoded twice", id="broken-mojibake"),
    pytest.param(b"\xff\xfe" + "漢字漢字".encode("utf-16-le"), "UTF-16", id="utf-16-not-text"),
])
def test_unconvincing_decodings_are_refused_naming_a_guess(data: bytes, says: str) -> None:
    with pytest.raises(RawInputError, match=says):
        RawText.from_bytes(data, "x.txt")


def test_the_score_wants_diacritics_not_folded_words() -> None:
    """The old rule accepted any bytes holding "cua" or "nam"; these words prove nothing."""
    assert not vietnamese_score("cua va cac nhung trong duoc nam ngay tinh").convincing
    assert vietnamese_score("của và các những trong được năm ngày tỉnh").convincing
