"""Masking of personal data in reports (SPEC §4)."""

from __future__ import annotations

from fazhi_desktop.domain.masking import (
    mask_address,
    mask_id_number,
    mask_name,
    mask_party,
    mask_phone,
    mask_text,
)


def test_spec_examples() -> None:
    assert mask_name("张小三") == "张*三"
    assert mask_id_number("632801199001011234") == "632801********1234"
    assert mask_phone("13812345678") == "138****5678"


def test_short_and_long_names() -> None:
    assert mask_name("张三") == "张*"
    assert mask_name("李") == "*"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name("") == "" and mask_name(None) == ""


def test_id_and_phone_variants() -> None:
    assert mask_id_number("63280119900101123X") == "632801********123X"
    assert mask_id_number("632801900101123") == "632801*****1123"  # 15-digit legacy
    assert mask_phone("0979-8412345") == "097*-***2345"
    assert mask_phone("") == ""
    for raw in ("13812345678", "0979-8412345", "632801199001011234"):
        assert len(mask_phone(raw)) == len(raw)


def test_party_keeps_role_and_masks_the_rest() -> None:
    out = mask_party({"name": "王小明", "role": "applicant", "id_number": "632801199001011234",
                      "phone": "13800138000", "address": "青海省格尔木市金峰路12号3单元"})
    assert out == {"name": "王*明", "role": "applicant", "id_number": "632801********1234",
                   "phone": "138****8000", "address": "青海省格尔木******"}
    assert mask_address("格尔木市") == "格尔木市"


def test_names_ids_and_phones_inside_free_text() -> None:
    text = "张小三与王五因借款发生纠纷，张小三电话13812345678，身份证632801199001011234。"
    out = mask_text(text, ["张小三", "王五", None, ""])
    assert out == ("张*三与王*因借款发生纠纷，张*三电话138****5678，"
                   "身份证632801********1234。")
    assert mask_text("案号（2025）青2801行初12号，金额1234567元", []) == \
        "案号（2025）青2801行初12号，金额1234567元"  # other numbers untouched
    assert mask_text(None) == ""
