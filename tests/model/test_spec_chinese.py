"""Chinese by default: the messages of the spec loader, the details the web form shows beside
each field, and the Chinese names a user may type for types and values (issue 11)."""

import pytest

from roomplanner.errors import SpecError
from roomplanner.model.spec import loads_spec, spec_from_data
from roomplanner.profiles import TYPE_ALIASES, known_types, load_profile
from tests.cli.langscan import cjk_runs, english_words
from tests.conftest import dump


def error(data=None, text=None, lang=None, json_first=False) -> SpecError:
    with pytest.raises(SpecError) as ei:
        loads_spec(text if text is not None else dump(data), json_first=json_first, lang=lang)
    return ei.value


def test_default_is_chinese_and_details_match_problems(base_spec):
    base_spec["branch"]["members"] = 0
    base_spec["room"]["openings"][1]["width"] = -5
    base_spec["room"]["heigth"] = 1
    e = error(base_spec)
    assert e.problems == ["branch.members: 得到 0，应不小于 1",
                          "room.openings[1].width: 得到 -5，应大于 0",
                          "room.heigth: 未知的键 'heigth'（是不是 'height'？）"]
    assert e.details == [{"path": "branch.members", "message": "得到 0，应不小于 1"},
                         {"path": "room.openings[1].width", "message": "得到 -5，应大于 0"},
                         {"path": "room.heigth", "message": "未知的键 'heigth'（是不是 'height'？）"}]
    assert str(e).startswith("<spec>: 房间规格有 3 处问题：\n  branch.members: ")
    en = error(base_spec, lang="en")
    assert [d["path"] for d in en.details] == [d["path"] for d in e.details]     # the paths stay
    assert en.details[0]["message"] == "got 0, expected a value at least 1"
    assert str(en).startswith("<spec>: invalid spec:\n")


def test_spec_from_data_takes_the_language(base_spec):
    base_spec["room"]["height"] = "3米"
    with pytest.raises(SpecError) as ei:
        spec_from_data(base_spec)
    assert ei.value.problems == ["room.height: 得到 '3米'（文字），应为数字"]
    with pytest.raises(SpecError) as ei:
        spec_from_data(base_spec, lang="en")
    assert ei.value.problems == ["room.height: got '3米' (str), expected a number"]


def test_yaml_syntax_error_details_carry_line_and_column():
    e = error(text="branch:\n  name: x\nroom：\n  height: 3000\n")
    [d] = e.details
    assert d["path"] == "spec" and d["line"] == 3 and d["column"] == 5
    assert d["message"].startswith("不是有效的 YAML：第 3 行第 5 列用了全角冒号“：”")
    e = error(text="room:\n  outline: [[0，0], [1, 1]]\n  height: 3000\nx: [\n")
    [d] = e.details
    assert (d["line"], d["column"]) == (2, 15) and "全角逗号“，”" in d["message"]
    e = error(text="branch:\n  name: x\n  room: [\n", lang="en")
    [d] = e.details
    assert d["line"] == 4 and d["message"].startswith("not valid YAML: ")


def test_full_width_in_a_value_gets_a_hint(base_spec):
    base_spec["room"]["outline"][1] = "9000，0"
    [msg] = error(base_spec).problems
    assert msg.startswith("room.outline[1]: ") and "全角标点" in msg


def test_geometry_messages_in_chinese(base_spec):
    base_spec["room"]["openings"][1]["offset"] = 8200
    [msg] = error(base_spec).problems
    assert msg == "room.openings[1]: 窗（偏移 8200 + 宽度 3000）超出了第 1 面墙的末端（墙长 6000）"
    base_spec["room"]["openings"][1]["offset"] = 1500
    del base_spec["room"]["openings"][0]
    [msg] = error(base_spec).problems
    assert msg == "room.openings: 房间没有门；请至少加一扇门 {kind: door, ...}"


def test_json_syntax_error_in_chinese():
    [msg] = error(text='{"branch": {name: 1}}', json_first=True).problems
    assert msg == "spec: 不是有效的 JSON：第 1 行第 13 列：键要用英文双引号括起来"


@pytest.mark.parametrize("text", ["- 1\n", "   \n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: " + "[" * 40 + "]" * 40])
def test_document_errors_have_no_english_in_chinese_and_no_chinese_in_english(text):
    zh = error(text=text).problems
    assert not english_words("\n".join(zh)), zh
    en = error(text=text, lang="en").problems
    assert not cjk_runs("\n".join(en)), en


@pytest.mark.parametrize("t", known_types())
def test_every_type_by_its_chinese_names(base_spec, t):
    names = {load_profile(t).name, *TYPE_ALIASES[t], t, t.upper()}
    for name in names:
        base_spec["branch"]["type"] = name
        assert loads_spec(dump(base_spec)).branch.type == t, name


def test_enterprise_short_names(base_spec):
    for name in ("企业党支部", "企业", "非公有制企业党支部", " 企业 "):
        base_spec["branch"]["type"] = name
        assert loads_spec(dump(base_spec)).branch.type == "enterprise"


def test_unknown_chinese_type_gets_a_chinese_did_you_mean(base_spec):
    base_spec["branch"]["type"] = "社区支部"
    [msg] = error(base_spec).problems
    assert msg.startswith("branch.type: 未知的支部类型 '社区支部'（是不是 “社区党支部”（community，社区党支部）？）；可选：")
    assert "企业（enterprise）" in msg
    [msg] = error(base_spec, lang="en").problems
    assert msg.startswith("branch.type: unknown branch type '社区支部' (did you mean 'community'?); known types: ")


def test_chinese_value_names(base_spec):
    base_spec["room"]["openings"][0].update(kind="门", swing="外开", hinge="起点")
    base_spec["room"]["openings"][1]["kind"] = "窗户"
    base_spec["options"].update(oath_position="党旗左侧", flag_size="自动")
    base_spec["main_wall"] = "自动"
    base_spec["content"] = {"honors": [{"name": "张三", "honour": "优秀共产党员", "year": 2025, "kind": "党员"},
                                       {"name": "本支部", "honour": "先进基层党组织", "year": 2025, "kind": "集体"}],
                            "activity_day": {"year": 2027, "rule": "每月第一个星期五"}}
    spec = loads_spec(dump(base_spec))
    o = spec.room.openings
    assert (o[0].kind, o[0].swing, o[0].hinge, o[1].kind) == ("door", "out", "start", "window")
    assert (spec.options.oath_position, spec.options.flag_size, spec.main_wall) == ("beside", "auto", "auto")
    assert [h.kind for h in spec.content.honors] == ["member", "organisation"]
    assert spec.content.activity_day.rule == "first_friday"
    # stored as the English values: plan files stay the same whatever the user typed
    assert '"kind": "door"' in spec.model_dump_json().replace('":"', '": "')


def test_obstacle_labels_stay_free_text(base_spec):
    base_spec["room"]["obstacles"][0]["label"] = "门禁读卡器"
    assert loads_spec(dump(base_spec)).room.obstacles[0].label == "门禁读卡器"


def test_a_wrong_value_lists_the_choices_with_their_chinese_names(base_spec):
    base_spec["room"]["openings"][0]["swing"] = "inn"
    [msg] = error(base_spec).problems
    assert msg == "room.openings[0].swing: 得到 'inn'，应为 'in'（内开）或 'out'（外开）（是不是 'in'？）"


def test_empty_content_and_options_sections(base_spec):
    base_spec["content"] = None
    base_spec["options"] = None
    spec = loads_spec(dump(base_spec))
    assert spec.content.committee == [] and spec.options.flag_size == "auto"


def test_the_examples_in_docs_spec_md_load(base_spec):
    import re

    from tests.conftest import ROOT
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "spec.md").read_text(encoding="utf-8"), re.S)
    full, content = blocks[0], blocks[1]
    spec = loads_spec(full.replace("content: { … }", "content: {}"))
    assert spec.branch.type == "enterprise" and spec.room.openings[0].swing == "in"
    import yaml
    base_spec["content"] = yaml.safe_load(content)["content"]
    spec = loads_spec(dump(base_spec))
    assert spec.content.boards["standards"].title.startswith("党支部")
    assert [h.kind for h in spec.content.honors] == ["organisation", "member"]


@pytest.mark.parametrize("where, value, path", [
    (("content", "boards", "rules", "title"), "我们的党建工作制度\n", "content.boards.rules.title"),
    (("content", "plaque_text"), "中国共产党示例科技\n有限公司支部委员会", "content.plaque_text"),
    (("branch", "name"), "星火\n党支部", "branch.name"),
])
def test_a_line_break_in_a_name_or_title_names_the_field_and_the_value(base_spec, where, value, path):
    """A board title, the plaque's text or a name is set on one line: a line break in it (a
    YAML ``|`` block ends with one) is the spec's error, naming the field and the value, in
    Chinese by default (it was an internal error when the boards were drawn)."""
    node = base_spec
    for key in where[:-1]:
        node = node.setdefault(key, {})
    node[where[-1]] = value
    zh = error(text=dump(base_spec)).problems
    en = error(text=dump(base_spec), lang="en").problems
    assert zh == [f"{path}: 得到 {value!r}，这里只能写一行（不能换行）"]
    assert en == [f"{path}: got {value!r}, expected one line (without a line break)"]
