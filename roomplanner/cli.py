"""The ``roomplanner`` command. Thin: parse arguments, call the public API, map errors to
exit codes. Every word it prints is Chinese by default and English with ``--lang en`` — the
help, argparse's own words, the errors (also those raised before a spec is read) and the
summaries.

Exit codes: 0 solved/checked and compliant; 1 compliance findings fail (all files still
written); 2 invalid input (spec, plan, content or output folder); 3 no layout satisfies the
required rules; 4 internal error (a bug; nothing is written).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from . import __version__
from .errors import (ContentError, InfeasibleError, OutputError, PlanFileError, RenderError, RoomPlannerError,
                     SpecError)
from .i18n import Text, norm_lang, tr

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_BROKEN_PIPE = 128 + 13   # 128 + SIGPIPE: what a shell reports for `… | head` cutting a writer off
DEMO_SPEC = "demo-complete.yaml"

# argparse's own words (usage:, options, its error messages) in Chinese
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "ignored explicit argument %r": "多余的参数值 %r",
}


@contextlib.contextmanager
def _argparse_words(lang: str):
    """argparse looks its words up through ``argparse._`` at run time; answer in Chinese."""
    if norm_lang(lang) == "en":
        yield
        return
    old_, old_n = argparse._, argparse.ngettext
    argparse._ = lambda s: _ARGPARSE_ZH.get(s, s)
    argparse.ngettext = lambda s, p, n: "需要 %s 个值" if s == "expected %s argument" else old_n(s, p, n)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old_, old_n


def argv_lang(argv: list[str]) -> str | None:
    """The ``--lang`` of a command line, read before parsing (so that a usage error, the help
    and an error before the spec is read already speak it); None when not given."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return norm_lang(argv[i + 1])
        if a.startswith("--lang="):
            return norm_lang(a.split("=", 1)[1])
    return None


class _Parser(argparse.ArgumentParser):
    lang = "zh"

    def error(self, message):  # argparse exits 2 already; keep its message short and clear
        self.print_usage(sys.stderr)
        print(tr(f"roomplanner：错误：{message}", f"roomplanner: error: {message}", self.lang), file=sys.stderr)
        sys.exit(EXIT_INVALID)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with every help text in ``lang`` (default Chinese)."""
    lang = norm_lang(lang)

    def h(zh: str, en: str) -> str:
        return tr(zh, en, lang)

    class P(_Parser):
        pass
    P.lang = lang
    langs = dict(choices=["zh", "en"], default=None, metavar="{zh,en}")
    p = P(prog="roomplanner",
          description=h("党员活动室设计工具：根据房间和党支部自动布置图板、党旗和桌椅，生成图纸、印刷文件和合规报告。",
                        "Designs party branch activity rooms: lays out the flag, boards and furniture, "
                        "draws true-scale drawings and print-ready boards and checks compliance."),
          epilog=h("每个命令的说明：roomplanner 命令 -h；英文界面：--lang en。",
                   "Help on a command: roomplanner COMMAND -h. Chinese: --lang zh."))
    p.add_argument("--version", action="version", version=f"roomplanner {__version__}",
                   help=h("显示版本号并退出", "show the version and exit"))
    p.add_argument("--lang", dest="lang_global", **langs,
                   help=h("界面、图纸和报告的语言（默认 zh 中文；en 英文）", "language of messages, drawings and reports "
                          "(default zh: Chinese; en: English)"))
    sub = p.add_subparsers(dest="command", required=True, parser_class=P, metavar=h("命令", "COMMAND"))

    lang_help = h("语言（默认：规格文件里 options.lang 的设置，否则中文）",
                  "language (default: the spec's options.lang, else Chinese)")
    pp = sub.add_parser("plan", help=h("根据房间规格求解布局，写出方案、图纸、图板和报告",
                                       "solve a room spec and write the plan, drawings, boards and report"),
                        description=h("根据房间规格求解布局，把方案、合规报告、图纸和印刷图板写入输出文件夹"
                                      "（先写到临时文件夹，全部完成后才移入；出错时什么也不写）。",
                                      "Solve a room spec and write the plan, report, drawings and print-ready boards "
                                      "into the output folder (written into a temporary folder and moved into place "
                                      "at the end; nothing is written on error)."))
    pp.add_argument("spec", metavar=h("规格文件", "SPEC"), help=h("房间规格文件（YAML 或 JSON）", "room spec (YAML or JSON)"))
    pp.add_argument("-o", "--out", required=True, metavar=h("文件夹", "DIR"), help=h("输出文件夹", "output folder"))
    pp.add_argument("--lang", **langs, help=lang_help)
    pp.add_argument("--outline-text", action="store_true",
                    help=h("SVG 和图板 PDF 中的文字转曲（转为轮廓）", "text as outlines (curves) in SVG and board PDFs"))
    pp.add_argument("--crop-marks", action="store_true",
                    help=h("每块图板的 PDF 也加裁切线（页面四周留出边距；boards/boards.pdf 总是带裁切线）",
                           "crop marks on every board PDF too (the page then has a margin around the bleed; "
                           "boards/boards.pdf always has them)"))

    pc = sub.add_parser("check", help=h("检查一个或多个方案文件是否合规", "check one or more plan files for compliance"),
                        description=h("检查方案文件（plan.json，可以是手工修改过的）是否合规；可批量检查文件夹。",
                                      "Check plan files (plan.json, possibly edited by hand) for compliance; "
                                      "folders are searched for plan files."))
    pc.add_argument("plans", nargs="+", metavar=h("方案文件", "PLAN"),
                    help=h("plan.json 文件，或包含它们的文件夹", "plan.json files or folders holding them"))
    pc.add_argument("--json", action="store_true", help=h("以 JSON 格式输出报告", "print the report as JSON"))
    pc.add_argument("--report", metavar=h("文件", "FILE"),
                    help=h("写出 PDF 报告（每个方案一节）", "write a PDF report (one section per plan)"))
    pc.add_argument("--sarif", metavar=h("文件", "FILE"), help=h("写出 SARIF 2.1.0 日志", "write a SARIF 2.1.0 log"))
    pc.add_argument("--csv", metavar=h("文件", "FILE"), help=h("写出 CSV 汇总表（批量检查）", "write a CSV summary (batch)"))
    pc.add_argument("--jobs", type=int, default=None, metavar=h("个数", "N"),
                    help=h("批量检查时同时运行的进程数（默认：处理器核数）", "worker processes for a batch (default: all cores)"))
    pc.add_argument("--lang", **langs, help=h("报告的语言（默认：方案里的设置，否则中文）",
                                              "language of the report (default: the plan's, else Chinese)"))

    pd = sub.add_parser("demo", help=h("用内置示例（内容齐全的虚构支部）运行 plan",
                                       "run plan on the built-in example (a fictional branch with complete content)"),
                        description=h("用内置示例运行 plan：一个 9 米 × 6 米的企业党支部活动室，所有图板内容齐全；"
                                      "支部和人员均为虚构。",
                                      "Run plan on the built-in example: a 9 m × 6 m enterprise branch room with "
                                      "every board filled in; the branch and the people are fictional."))
    pd.add_argument("-o", "--out", default="roomplanner-demo", metavar=h("文件夹", "DIR"),
                    help=h("输出文件夹（默认：./roomplanner-demo）", "output folder (default: ./roomplanner-demo)"))
    pd.add_argument("--lang", **langs, help=lang_help)

    pi = sub.add_parser("init", help=h("写出一份带说明的房间规格模板", "write a commented room spec template"),
                        description=h("写出一份带中文说明的房间规格模板；不改也能直接运行 plan，"
                                      "改成本支部和房间的实际情况后再用。",
                                      "Write a commented room spec template. It plans as it is; change it to your "
                                      "branch and room before use."))
    pi.add_argument("--type", default="general", metavar=h("类型", "TYPE"),
                    help=h("支部类型：代码或中文名称，如 enterprise、企业、企业党支部（默认：通用）",
                           "branch type: its id or its Chinese name, as roomplanner profiles lists them (default: general)"))
    pi.add_argument("--members", type=int, default=20, metavar=h("人数", "N"),
                    help=h("党员人数（默认 20）", "number of party members (default 20)"))
    pi.add_argument("-o", "--out", default=None, metavar=h("文件", "FILE"),
                    help=h("写到这个文件（已有的文件不会被覆盖）；不写则输出到屏幕",
                           "write to this file (an existing file is never replaced); default: print it"))
    pi.add_argument("--lang", **langs, help=h("模板的语言（默认中文）", "language of the template (default Chinese)"))

    pr = sub.add_parser("profiles", help=h("列出支部类型及其依据文件", "list branch types with their source documents"),
                        description=h("列出支部类型、可用的中文名称和依据文件。",
                                      "List the branch types, the Chinese names they accept and their sources."))
    pr.add_argument("--lang", **langs, help=h("语言（默认中文）", "language (default Chinese)"))
    ps = sub.add_parser("schema", help=h("输出房间规格和方案文件的 JSON Schema",
                                         "print the JSON Schema of the spec and of the plan file"),
                        description=h("输出房间规格（spec）和方案文件（plan）的 JSON Schema。",
                                      "Print the JSON Schema of the room spec and of the plan file."))
    ps.add_argument("which", nargs="?", choices=["spec", "plan", "all"], default="all",
                    help=h("spec、plan 或 all（默认 all）", "spec, plan or all (default all)"))
    ps.add_argument("--lang", **langs, help=h("语言（默认中文）", "language (default Chinese)"))
    pw = sub.add_parser("serve", help=h("启动网页版（设计页和审查页），默认只在本机 127.0.0.1 上",
                                        "start the web application (design and inspection pages) on 127.0.0.1"),
                        description=h("启动网页版：在浏览器里设计活动室（设计页）、批量审查方案（审查页）。"
                                      "默认只接受本机访问；服务器不保存任何上传的内容。",
                                      "Start the web application: design a room in the browser and check plans "
                                      "in bulk. Binds to this computer only by default; nothing uploaded is kept."))
    pw.add_argument("--host", default="127.0.0.1", metavar=h("地址", "HOST"),
                    help=h("监听地址（默认 127.0.0.1，仅本机）", "address to bind (default: 127.0.0.1, this computer only)"))
    pw.add_argument("--port", type=int, default=8000, metavar=h("端口", "PORT"), help=h("端口（默认 8000）", "port (default: 8000)"))
    pw.add_argument("--workers", type=int, default=1, metavar=h("个数", "N"),
                    help=h("工作进程数（默认 1）", "worker processes (default: 1)"))
    pw.add_argument("--processes", type=int, default=None, metavar=h("个数", "N"),
                    help=h("每个服务进程用于绘图的子进程数（默认为 CPU 核数，最多 4；0 = 不用）",
                           "drawing processes per server process (default: the number of cores, at most 4; 0: none)"))
    pw.add_argument("--time-limit", type=float, default=None, metavar=h("秒", "SECONDS"),
                    help=h("每个请求的时限，秒（默认 30）", "seconds per request (default: 30)"))
    pw.add_argument("--lang", **langs, help=h("语言（默认中文）", "language (default Chinese)"))
    return p


#: The commands that run as one short computation and end: :func:`run` tunes their process.
ONE_SHOT = ("plan", "demo", "check")


def run() -> None:
    """The ``roomplanner`` script and ``python -m roomplanner``: :func:`main` as a whole process.

    For a one-shot command (:data:`ONE_SHOT`), four settings that only suit a process of its
    own, and so are not in :func:`main` (which tests and other programs call in their process);
    ``serve`` (a long-lived server, where a deployer may use pydantic plugins and atexit
    handlers must run), ``init`` and ``profiles`` run as plain :func:`main`:

    - the cyclic garbage collector runs every 10 000 net allocations instead of 700: a pack
      allocates millions of short-lived objects, and the default spends about 6 % of the CPU
      collecting them, for no saving in memory on a pack (same peak RSS);
    - pydantic's plugin look-up, which scans every installed distribution's entry points, is
      skipped unless the user set ``PYDANTIC_DISABLE_PLUGINS`` himself: our models use no plugin;
    - numpy's OpenBLAS runs on one thread unless the user set ``OPENBLAS_NUM_THREADS``: our
      arrays are far too small for threads, and the threads OpenBLAS starts when numpy is
      imported spin for about 0.1 s of CPU in each of the two processes of a ``plan``, which
      import numpy at the same time on a two-core machine;
    - once :func:`main` returned, every file is written and closed; stdout and stderr are flushed
      and the process ends with ``os._exit``, skipping the interpreter's tear-down of every module
      and object of the pack (about 0.15 s for ``plan``, a tenth of the command). An exception
      or ``SystemExit`` still leaves the normal way.
    """
    import gc
    import os

    if _command_of(sys.argv[1:]) not in ONE_SHOT:
        sys.exit(main())
    gc.set_threshold(10_000, 10, 10)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:   # the reader left during the last lines
        code = EXIT_BROKEN_PIPE
    try:
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def _command_of(argv: list[str]) -> str | None:
    """The sub-command named in ``argv`` (``plan``, ``serve`` …): its first word that is
    neither an option nor the value of the global ``--lang``."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:          # `roomplanner profiles | head -1`: the reader is gone
        # stop quietly, with the status of a program ended by SIGPIPE; stdout is pointed at
        # /dev/null so that the interpreter's final flush cannot fail again
        import os
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE


def _say(x, lang) -> str:
    """A message that may be a bilingual Text (or anything with a ``lang`` call) or a str."""
    if isinstance(x, Text):
        return x(lang)
    return str(x)


def _main(argv: list[str]) -> int:
    lang = argv_lang(argv) or "zh"
    with _argparse_words(lang):
        args = build_parser(lang).parse_args(argv)
    explicit = getattr(args, "lang", None) or args.lang_global
    lang = explicit or lang
    try:
        if args.command == "plan":
            return cmd_plan(Path(args.spec), Path(args.out), explicit, args.outline_text, args.crop_marks)
        if args.command == "demo":
            from .data import data_dir
            return cmd_plan(data_dir("examples") / DEMO_SPEC, Path(args.out), explicit, False)
        if args.command == "check":
            from .compliance.command import run_check_command  # issue #6
            return run_check_command(args.plans, json_out=args.json, report_pdf=args.report, sarif=args.sarif,
                                     csv=args.csv, jobs=args.jobs, lang=explicit)
        if args.command == "init":
            return cmd_init(args.type, args.members, args.out, lang)
        if args.command == "profiles":
            return cmd_profiles(lang)
        if args.command == "schema":
            return cmd_schema(args.which)
        if args.command == "serve":
            from .web import serve
            return serve(args.host, args.port, time_limit=args.time_limit, workers=args.workers,
                         processes=args.processes)
    except (SpecError, PlanFileError, OutputError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except ContentError as exc:
        print(tr("内容无法使用：", "invalid content: ", lang) + str(exc), file=sys.stderr)
        return EXIT_INVALID
    except InfeasibleError as exc:
        _print_infeasible(exc, lang)
        return EXIT_INFEASIBLE
    except RenderError as exc:
        print(tr("无法生成：", "cannot render: ", lang) + str(exc), file=sys.stderr)
        return EXIT_INVALID
    except RoomPlannerError as exc:  # pragma: no cover - every subclass is handled above
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:           # the reader of stdout went away: not a bug (see main)
        raise
    except Exception as exc:          # a bug: never let it look like "findings fail" (exit 1)
        import traceback
        traceback.print_exc()
        print(tr(f"roomplanner：内部错误（{type(exc).__name__}），什么也没有写出。请连同规格文件一起报告这个问题。",
                 f"roomplanner: internal error ({type(exc).__name__}: {exc}); nothing was written. "
                 "Please report it with the spec.", lang), file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


def _print_infeasible(exc: InfeasibleError, lang: str) -> None:
    lines = exc.message(lang).split("\n")
    print(lines[0], file=sys.stderr)
    for line in lines[1:]:
        print("  " + line, file=sys.stderr)
    for d in exc.details:
        print(f"  · {_say(d, lang)}", file=sys.stderr)


SUMMARY = Text("{out}：{branch} — 主墙面为第 {wall} 面墙，党旗 {flag}，墙面物品 {items} 件，座位 {seats} 个",
               "{out}: {branch} — main wall {wall}, flag size {flag}, {items} wall items, {seats} seats")
SUMMARY_NO_ROOM = Text("{out}：{branch} — 无活动室（三类阵地）：图板 {items} 块，桌牌 {cards} 张",
                       "{out}: {branch} — no room (class-3 venue): {items} boards, {cards} desk cards")
FLAG_SIZE = Text("{n} 号", "{n}")
NO_FLAG = Text("未定", "none")
VERDICT = {True: Text("合规", "compliant"), False: Text("存在不合规项", "findings fail")}
NOTE = Text("  说明：{text}", "  note: {text}")
FAIL = Text("  不合规（{severity}）{rule}：{message}", "  fail [{severity}] {rule}: {message}")
REVIEW = Text("  需复核 {rule}：{message}", "  to review {rule}: {message}")
SEVERITY = {"required": Text("必须", "required"), "recommended": Text("建议", "recommended")}


@contextlib.contextmanager
def _long_lived_objects_frozen():
    """While the pack is built, leave what exists now — the modules, the spec, the plan — out of
    the garbage collector's passes (``gc.freeze``): none of it is garbage, and a full pass over
    it costs some 25–35 ms, which would otherwise land on the pack's critical path. The objects
    return to the collector afterwards (``main`` may run again in the same process). A program
    that calls ``main`` after freezing objects of its own is left as it is: ``gc.unfreeze``
    cannot tell its objects from ours."""
    import gc

    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cmd_plan(spec_path: Path, out: Path, lang, outline_text: bool, crop_marks: bool = False) -> int:
    """``lang``: the language asked for on the command line (None: the spec's, else Chinese)."""
    from .pipeline import pack_executor

    # The worker is forked first: while this process reads the spec and solves, it gets its lane
    # (the boards and the 3D model) ready, so that lane starts warm (pipeline.build_pack).
    with pack_executor() as executor:
        from .model.spec import load_spec
        from .output import check_target
        from .pipeline import write_outputs
        from .solver import solve

        spec = load_spec(spec_path, lang=lang)
        if lang and lang != spec.options.lang:   # the solver writes its notes in the language asked for
            spec = spec.model_copy(update={"options": spec.options.model_copy(update={"lang": lang})})
        lang = lang or spec.options.lang
        check_target(out, lang)
        plan = solve(spec)
        with _long_lived_objects_frozen():
            report = write_outputs(plan, out, lang=lang, outline_text=outline_text,
                                   spec_dir=spec_path.resolve().parent, crop_marks=crop_marks, executor=executor)
    if spec.venue == "none":   # class-3 venue (issue 13): no room, two walls and desk cards
        line = SUMMARY_NO_ROOM(lang, out=out, branch=spec.branch.name, items=len(plan.wall_items),
                               cards=spec.branch.members)
    else:
        line = SUMMARY(lang, out=out, branch=spec.branch.name, wall=plan.main_wall,
                       flag=FLAG_SIZE(lang, n=plan.flag_size) if plan.flag_size else NO_FLAG,
                       items=len(plan.wall_items), seats=plan.seating.seats if plan.seating else 0)
    if report is not None:
        line += " — " + VERDICT[bool(report.compliant)](lang)
    print(line)
    for n in plan.notes:
        print(NOTE(lang, text=_say(n, lang)))
    if report is None:
        return EXIT_OK
    for f in report.findings:
        if f.status == "fail":
            print(FAIL(lang, severity=SEVERITY.get(f.severity, Text(f.severity, f.severity)), rule=f.rule,
                       message=f.message))
    for f in report.findings:
        if f.status == "review":
            print(REVIEW(lang, rule=f.rule, message=f.message))
    return EXIT_OK if report.compliant else EXIT_FINDINGS


def cmd_profiles(lang: str = "zh") -> int:
    from .profiles import TYPE_ALIASES, known_profiles, load_profile

    for p in (load_profile(i) for i in known_profiles()):     # venue variants too (issue 13)
        if norm_lang(lang) == "en":
            print(f"{p.id:16s} {p.name_en}")
            for d in p.documents:
                print(f"{'':16s}   source: {d}")
        else:
            names = "、".join(dict.fromkeys([p.name, *TYPE_ALIASES.get(p.id, ())]))
            print(f"{p.id:16s} {names}")
            for d in p.documents:
                print(f"{'':16s}   依据：{d}")
    return EXIT_OK


def cmd_schema(which: str) -> int:
    import json

    from .model.plan import Plan
    from .model.spec import Spec

    out = {}
    if which in ("spec", "all"):
        out["spec"] = Spec.model_json_schema()
    if which in ("plan", "all"):
        out["plan"] = Plan.model_json_schema()
    print(json.dumps(out if which == "all" else out[which], ensure_ascii=False, indent=2))
    return EXIT_OK


_INIT_TYPE = Text("--type: 未知的支部类型 {got}{hint}；可选：{known}", "--type: unknown branch type {got}{hint}; known types: {known}")
_INIT_MEMBERS = Text("--members: 得到 {n}，应在 1 到 {max} 之间", "--members: got {n}, expected 1 to {max}")
_INIT_EXISTS = Text("-o: {path} 已经存在，不会覆盖它；请换一个文件名", "-o: {path} already exists and is not replaced; "
                    "choose another file name")
_INIT_WROTE = Text("已写出 {path}。改成本支部和房间的实际情况后运行：roomplanner plan {path} -o 输出文件夹",
                   "wrote {path}. Change it to your branch and room, then run: roomplanner plan {path} -o OUTPUT")
_DID_YOU_MEAN = Text("（是不是 {hint}？）", " (did you mean {hint}?)")


def cmd_init(type_name: str, members: int, out: str | None, lang: str) -> int:
    from .model.checks import MAX_MEMBERS
    from .spec_template import spec_template
    from .profiles import resolve_type, suggest_type, type_choices

    t = resolve_type(type_name)
    if t is None:
        hint = suggest_type(type_name)
        print(_INIT_TYPE(lang, got=repr(type_name), known=type_choices(),
                         hint=_DID_YOU_MEAN(lang, hint=hint) if hint else ""), file=sys.stderr)
        return EXIT_INVALID
    if not 1 <= members <= MAX_MEMBERS:
        print(_INIT_MEMBERS(lang, n=members, max=MAX_MEMBERS), file=sys.stderr)
        return EXIT_INVALID
    text = spec_template(t, members, lang)
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(out)
    try:
        with open(path, "x", encoding="utf-8") as fh:     # never replaces the user's file
            fh.write(text)
    except FileExistsError:
        print(_INIT_EXISTS(lang, path=path), file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        from .i18n import os_reason
        raise OutputError(Text("-o: 无法写入 {path}：{why}", "-o: cannot write {path}: {why}")(
            lang, path=path, why=os_reason(exc, lang))) from None
    print(_INIT_WROTE(lang, path=path))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    run()
