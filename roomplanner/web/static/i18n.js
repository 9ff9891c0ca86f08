// Page words, Chinese first, English on request. t(key, {fields}) fills {name} fields.

const WORDS = {
  app_title: ["党员活动室设计", "Party activity room designer"],
  review_title: ["方案审查", "Plan review"],
  nav_design: ["设计", "Design"],
  nav_review: ["审查", "Review"],
  open_plan: ["打开方案", "Open plan"],
  new_plan: ["新建", "New"],
  download_spec: ["下载规格文件", "Download spec"],
  download_zip: ["下载全套文件（ZIP）", "Download pack (ZIP)"],
  sec_room: ["房间", "Room"],
  shape_rect: ["矩形", "Rectangle"],
  shape_l: ["L 形", "L shape"],
  shape_custom: ["自定义", "Custom"],
  f_length: ["长度", "Length"],
  f_width: ["宽度", "Width"],
  f_total_length: ["总长", "Overall length"],
  f_total_width: ["总宽", "Overall width"],
  f_corner: ["缺角位置", "Cut-out corner"],
  corner_ne: ["右上", "top right"],
  corner_nw: ["左上", "top left"],
  corner_se: ["右下", "bottom right"],
  corner_sw: ["左下", "bottom left"],
  f_cut_length: ["缺角长", "Cut-out length"],
  f_cut_width: ["缺角宽", "Cut-out width"],
  custom_hint: ["在下图网格上依次点击房间的各个角（按 100 mm 对齐），点回第一个角即闭合；拖动角点可调整。也可以输入各面墙的长度和转向。",
    "Click the corners of the room one after another on the grid below (100 mm snap); click the first corner again to close. Drag a corner to adjust it. Or type the wall lengths and turns."],
  custom_redraw: ["重新画", "Redraw"],
  custom_undo: ["撤销一个角", "Undo corner"],
  turtle_title: ["输入墙长和转向", "Type wall lengths and turns"],
  turtle_hint: ["从左下角出发向右，每行一面墙：长度（mm）和走完后的转向（左转/右转 90°）。",
    "Start at the bottom-left corner heading right; one wall per row: its length (mm) and the turn after it (left/right 90°)."],
  turtle_add: ["加一面墙", "Add a wall"],
  turtle_apply: ["生成房间", "Make the room"],
  turn_left: ["左转", "turn left"],
  turn_right: ["右转", "turn right"],
  f_height: ["层高", "Ceiling height"],
  sec_walls: ["门、窗和障碍物", "Doors, windows and obstacles"],
  tool_hint: ["选择要添加的东西，再点击平面图上的墙：", "Pick what to add, then click a wall in the plan:"],
  tool_select: ["选择/拖动", "Select/drag"],
  tool_door: ["门", "Door"],
  tool_window: ["窗", "Window"],
  tool_ac: ["空调", "Air conditioner"],
  tool_socket: ["插座面板", "Socket panel"],
  tool_radiator: ["暖气片", "Radiator"],
  tool_column: ["柱", "Column"],
  tool_mainwall: ["点选主墙面", "Pick main wall"],
  sec_branch: ["党支部", "Branch"],
  f_branch_name: ["支部名称", "Branch name"],
  f_branch_type: ["支部类型", "Branch type"],
  f_members: ["党员人数", "Members"],
  f_full_members: ["其中正式党员", "Full members"],
  ph_same_as_members: ["不填则与党员人数相同", "same as members if empty"],
  sec_choices: ["布置选择", "Choices"],
  f_main_wall: ["主墙面", "Main wall"],
  main_auto: ["自动选择", "automatic"],
  wall_n: ["第 {n} 面墙（{len} mm）", "wall {n} ({len} mm)"],
  f_flag_size: ["党旗尺寸", "Flag size"],
  flag_auto: ["自动（挂得下的最大标准尺寸）", "automatic (largest standard size that fits)"],
  f_oath: ["入党誓词位置", "Oath position"],
  oath_profile: ["按支部类型的规定", "as the branch type says"],
  oath_below: ["党旗下方", "below the flag"],
  oath_beside: ["党旗旁边", "beside the flag"],
  more_options: ["更多选项", "More options"],
  f_passage: ["通道宽度", "Passage width"],
  f_behind_chair: ["椅后空间", "Space behind chairs"],
  f_material: ["图板材料", "Board material"],
  f_date: ["图纸日期", "Drawing date"],
  sec_content: ["图板内容", "Board content"],
  content_hint: ["誓词、党章等正式文字自动印制；下面是需要本支部自己提供的内容。没填的图板会印出醒目的“待填写”。",
    "Official texts (oath, charter) are printed automatically; below is what your branch provides. A board without it prints a marked 待填写 (to be filled in)."],
  tab_plan: ["平面图", "Floor plan"],
  tab_elevations: ["立面图", "Elevations"],
  tab_boards: ["图板", "Boards"],
  tab_check: ["合规检查", "Compliance"],
  tab_3d: ["三维", "3D"],
  model_loading: ["正在生成三维模型（含图板画面），请稍候…", "Building the 3D model with the board artwork…"],
  model_failed: ["三维模型无法生成：{msg}", "The 3D model could not be built: {msg}"],
  footer: ["所有内容只在本次请求中处理，服务器不保存任何文件；草稿保存在本浏览器中。",
    "Everything is processed for this request only; the server keeps no files. Your draft is saved in this browser."],
  // dynamic
  working: ["正在计算……", "Working…"],
  verdict_pass: ["合规：全部必需规则均满足", "Compliant: every required rule is met"],
  verdict_fail: ["存在不合规项：{n} 条必需规则未满足", "Not compliant: {n} required rule(s) fail"],
  verdict_review: ["，{n} 项需复核", "; {n} to review"],
  verdict_invalid: ["输入有误：请按提示修改（{n} 处）", "Invalid input: please fix {n} problem(s)"],
  verdict_infeasible: ["无法布置：房间不能同时满足必需规则", "No layout: the room cannot meet the required rules"],
  verdict_error: ["出错了：{msg}", "Error: {msg}"],
  verdict_offline: ["无法连接服务器", "Cannot reach the server"],
  summary: ["主墙面：第 {wall} 面墙 · 党旗 {flag} 号 · 誓词在党旗{oath} · 座位 {seats} 个 · 面积 {area} m²",
    "Main wall: wall {wall} · flag size {flag} · oath {oath} the flag · {seats} seats · area {area} m²"],
  oath_below_w: ["下方", "below"],
  oath_beside_w: ["旁边", "beside"],
  room_stats: ["面积 {area} m² · {n} 面墙", "Area {area} m² · {n} walls"],
  elevation_of: ["第 {n} 面墙立面", "Elevation of wall {n}"],
  elevation_outside: ["第 {n} 面墙（门外）", "Wall {n} (outside the door)"],
  boards_loading: ["正在生成图板预览……", "Rendering board previews…"],
  status_pass: ["通过", "pass"],
  status_fail: ["不通过", "fail"],
  status_review: ["需复核", "review"],
  status_not_applicable: ["不适用", "n/a"],
  sev_required: ["必需", "required"],
  sev_recommended: ["建议", "recommended"],
  col_verdict: ["结论", "Verdict"],
  col_rule: ["规则", "Rule"],
  col_finding: ["说明", "Finding"],
  col_source: ["依据", "Source"],
  infeasible_reason: ["原因", "Why"],
  infeasible_rules: ["相互冲突的规则", "Rules in conflict"],
  infeasible_options: ["可以这样修改", "What you could change"],
  apply: ["一键采用", "Apply"],
  board_ok: ["内容完整", "complete"],
  board_placeholder: ["待填写", "to be filled in"],
  board_unverified: ["文字待核对", "text to check"],
  board_missing: ["缺：{what}", "missing: {what}"],
  no_boards_yet: ["出现结果后这里列出各块图板的内容状态。", "Board status appears here once there is a result."],
  item_door: ["门", "Door"],
  item_window: ["窗", "Window"],
  item_obstacle: ["障碍物", "Obstacle"],
  on_wall: ["第 {n} 面墙", "wall {n}"],
  f_wall: ["所在墙", "Wall"],
  f_offset: ["距墙起点", "From wall start"],
  f_item_width: ["宽度", "Width"],
  f_item_height: ["高度", "Height"],
  f_sill: ["窗台高", "Sill height"],
  f_swing: ["开启方向", "Swing"],
  swing_in: ["向内开", "inward"],
  swing_out: ["向外开", "outward"],
  f_entrance: ["主入口（挂门牌）", "Main entrance (door signs)"],
  f_bottom: ["下沿高", "Bottom"],
  f_top: ["上沿高", "Top"],
  f_depth: ["凸出墙面", "Depth"],
  f_label: ["名称", "Label"],
  delete: ["删除", "Delete"],
  dist_ends: ["距两端：{a} mm ｜ {b} mm", "to the corners: {a} mm | {b} mm"],
  selected_hint: ["拖动可沿墙移动，拖两端可改宽度。", "Drag to move along the wall; drag an end to resize."],
  err_required: ["必须填写", "required"],
  err_positive: ["必须大于 0", "must be greater than 0"],
  err_min: ["不能小于 {min}", "must be at least {min}"],
  err_max: ["不能大于 {max}", "must be at most {max}"],
  err_integer: ["必须是整数", "must be a whole number"],
  err_cut: ["缺角必须小于总长和总宽", "the cut-out must be smaller than the overall size"],
  err_wall_length: ["第 {n} 面墙的长度必须大于 0", "wall {n}: the length must be greater than 0"],
  err_not_closed: ["最后一面墙没有回到起点（还差 {x}, {y} mm）", "the last wall does not return to the start (off by {x}, {y} mm)"],
  err_custom_open: ["房间轮廓还没有闭合：请点回第一个角", "the outline is not closed yet: click the first corner again"],
  err_full_members: ["正式党员不能多于党员人数", "full members cannot exceed members"],
  // content forms
  c_committee: ["支部委员会", "Branch committee"],
  c_committee_hint: ["书记、副书记、委员……（印在党组织设置、党务公开栏）", "Secretary, deputy, members… (org chart, publicity board)"],
  c_name: ["姓名", "Name"],
  c_role: ["职务", "Role"],
  c_add: ["添加一行", "Add a row"],
  c_remove: ["删", "×"],
  c_honors: ["荣誉", "Honours"],
  c_honors_hint: ["近两年获得的荣誉（印在光荣榜/荣誉榜）", "Honours of the last two years (honour board)"],
  c_honour: ["荣誉称号", "Honour"],
  c_year: ["年份", "Year"],
  c_kind: ["对象", "For"],
  c_kind_member: ["党员", "member"],
  c_kind_org: ["组织", "organisation"],
  c_photo: ["照片", "Photo"],
  c_photo_again: ["请重新选择照片“{name}”（照片不随草稿保存）", "Please choose the photo '{name}' again (photos are not kept in the draft)"],
  c_members: ["党员风貌", "Member profiles"],
  c_members_hint: ["党员姓名、职务、简介和照片（印在党员风貌栏、积分表等）", "Name, role, short bio and photo (member boards, points table)"],
  c_bio: ["简介", "Bio"],
  c_rules: ["上墙的制度", "Rules on the wall"],
  c_rules_hint: ["每行一项制度名称，如：“三会一课”制度", "One rule name per line, e.g. “三会一课”制度"],
  c_overview: ["支部概况", "Branch overview"],
  c_activities: ["活动安排", "Activities"],
  c_activity_day: ["主题党日", "Party day"],
  c_rule_first_friday: ["每月第一个星期五", "first Friday of each month"],
  c_rule_fixed: ["每月固定日期", "a fixed day each month"],
  c_day: ["日", "Day"],
  c_plaque: ["支部牌子文字", "Plaque text"],
  c_plaque_hint: ["不填则用支部名称", "the branch name if empty"],
  c_board_text: ["“{title}”正文", "Text of “{title}”"],
  c_board_text_hint: ["以【标题】开始一节，每行一段", "Start a section with 【heading】; one paragraph per line"],
  placeholder_name: ["（请填写支部名称）", "(enter the branch name)"],
  confirm_new: ["新建会清除当前草稿，确定吗？", "Start over? The current draft will be cleared."],
  opened: ["已打开：{name}", "Opened: {name}"],
  downloading: ["正在生成全套文件……", "Building the pack…"],
  profile_area: ["面积要求：{text}", "Area rule: {text}"],
  profile_oath: ["誓词位置：党旗{pos}", "Oath: {pos} the flag"],
  profile_docs: ["依据文件：{docs}", "Source documents: {docs}"],
  area_tier: ["{min}–{max} 人不少于 {area} m²", "{min}–{max} members: at least {area} m²"],
  area_tier_open: ["{min} 人及以上不少于 {area} m²", "{min} or more members: at least {area} m²"],
  canvas_legend: ["红色的墙是主墙面（挂党旗）；圆圈里是墙的编号，外侧数字是墙长（mm）。", "The red wall is the main wall (the flag); circles give wall numbers, outside figures wall lengths (mm)."],
  area_per_member: ["每名党员 {a} m²", "{a} m² per member"],
  area_minimum: ["不少于 {a} m²", "at least {a} m²"],
  area_none: ["无具体面积要求", "no area figure"],
  // review page
  review_intro: ["上传一个或多个 plan.json 文件或全套文件 ZIP，逐一检查是否合规。文件只在本次请求中处理，不会保存。",
    "Upload one or more plan.json files or pack ZIPs to check them. Files are processed for this request only and never kept."],
  review_choose: ["选择文件", "Choose files"],
  review_csv: ["下载表格（CSV）", "Download table (CSV)"],
  review_pdf_all: ["下载全部报告（PDF）", "Download all reports (PDF)"],
  col_file: ["文件", "File"],
  col_branch: ["党支部", "Branch"],
  col_type: ["类型", "Type"],
  col_area: ["面积 m²", "Area m²"],
  col_members: ["党员", "Members"],
  col_failing: ["不合规项", "Failing rules"],
  col_report: ["报告", "Report"],
  r_pass: ["合规", "compliant"],
  r_fail: ["不合规", "not compliant"],
  r_refused: ["无法检查", "refused"],
  r_pdf: ["PDF", "PDF"],
  r_none: ["还没有上传文件。", "No files uploaded yet."],
  r_checking: ["正在检查 {n} 个文件……", "Checking {n} file(s)…"],
};

let lang = localStorage.getItem("roomplanner.lang") === "en" ? "en" : "zh";

export function getLang() { return lang; }

export function setLang(l) {
  lang = l === "en" ? "en" : "zh";
  localStorage.setItem("roomplanner.lang", lang);
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  applyWords(document);
}

export function t(key, fields) {
  const pair = WORDS[key];
  let s = pair ? pair[lang === "en" ? 1 : 0] : key;
  if (fields) for (const [k, v] of Object.entries(fields)) s = s.split("{" + k + "}").join(String(v));
  return s;
}

export function applyWords(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-ph]")) el.placeholder = t(el.dataset.i18nPh);
  const btn = document.getElementById("btn-lang");
  if (btn) btn.textContent = lang === "en" ? "中文" : "English";
}

// Escape-free DOM helper: text is always set as text, never parsed as HTML.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
