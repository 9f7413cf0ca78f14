<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>发生意外错误。请把详细信息告知维护人员。</source>
        <translation>An unexpected error occurred. Please pass the details on to your support person.</translation>
    </message>
    <message>
        <source>数据目录正在使用</source>
        <translation>Data folder in use</translation>
    </message>
    <message>
        <source>无法打开数据目录</source>
        <translation>Cannot open the data folder</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>期限状态</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>已逾期 {n} 天</source>
        <translation>Overdue by {n} days</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>{n} 天内到期</source>
        <translation>Due in {n} days</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>在办</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>3日内到期</source>
        <translation>Due within 3 days</translation>
    </message>
    <message>
        <source>点击查看</source>
        <translation>Click to view</translation>
    </message>
    <message>
        <source>在全部台账中搜索：编号、姓名、身份证号、电话、简要情况（Ctrl+F）</source>
        <translation>Search all registers: serial, name, ID number, phone, summary (Ctrl+F)</translation>
    </message>
    <message>
        <source>今天是 {date}，{unit}。</source>
        <translation>Today is {date}, {unit}. </translation>
    </message>
    <message>
        <source>共有 {n} 件事项已逾期，请及时处理。</source>
        <translation>{n} items are overdue; please deal with them.</translation>
    </message>
    <message>
        <source>没有逾期事项。</source>
        <translation>Nothing is overdue.</translation>
    </message>
    <message>
        <source>搜索结果：{n} 条（双击打开）</source>
        <translation>Search results: {n} (double-click to open)</translation>
    </message>
    <message>
        <source>已逾期和3日内到期的事项：{n} 件（双击打开）</source>
        <translation>Overdue and due within 3 days: {n} (double-click to open)</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>General</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>手动调整期限</source>
        <translation>Set deadline by hand</translation>
    </message>
    <message>
        <source>新建{register}记录</source>
        <translation>New record: {register}</translation>
    </message>
    <message>
        <source>新记录：保存后自动编号。带 * 的为必填项。</source>
        <translation>New record: the serial number is assigned when it is saved. Fields marked * are required.</translation>
    </message>
    <message>
        <source>编号 {serial}&#x3000;最后修改：{who} {when}</source>
        <translation>Serial {serial}   last changed by {who} {when}</translation>
    </message>
    <message>
        <source>按规则应为 {due}（{rule}）</source>
        <translation>By the rule: {due} ({rule})</translation>
    </message>
    <message>
        <source>（填写登记日期等信息后自动计算）</source>
        <translation>(computed once the date received and other details are filled in)</translation>
    </message>
    <message>
        <source>计算依据：</source>
        <translation>Rule: </translation>
    </message>
    <message>
        <source>✖ 有 {n} 处错误，改正后才能保存。</source>
        <translation>✖ {n} errors must be corrected before saving.</translation>
    </message>
    <message>
        <source>⚠ 有 {n} 处提醒，可以保存，但请核对。</source>
        <translation>⚠ {n} warnings: you can save, but please check.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>“{title}”有尚未保存的修改，要保存吗？</source>
        <translation>&quot;{title}&quot; has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>有错误时不能保存</source>
        <translation>Cannot be saved while there are errors</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>删除（移入回收站）</source>
        <translation>Deleted (to recycle bin)</translation>
    </message>
    <message>
        <source>从回收站恢复</source>
        <translation>Restored from recycle bin</translation>
    </message>
    <message>
        <source>同步合并</source>
        <translation>Merged by sync</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>处理冲突</source>
        <translation>Conflict settled</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>在回收站</source>
        <translation>in recycle bin</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>{n} 项</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>电脑</source>
        <translation>PC</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>{n} 个字段</source>
        <translation>{n} fields</translation>
    </message>
    <message>
        <source>编辑节假日安排</source>
        <translation>Edit holiday schedule</translation>
    </message>
    <message>
        <source>每行一个日期：“日期,休”表示放假，“日期,班”表示调休上班，如 2027-01-01,休。只需列出与平常周一至周五不同的日子。</source>
        <translation>One date per line: &quot;date,休&quot; for a holiday, &quot;date,班&quot; for a make-up working day, e.g. 2027-01-01,休. List only the days that differ from an ordinary Monday–Friday week.</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>放假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>调休上班日</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>新增年份…</source>
        <translation>Add a year…</translation>
    </message>
    <message>
        <source>编辑所选年份…</source>
        <translation>Edit selected year…</translation>
    </message>
    <message>
        <source>删除导入的年份</source>
        <translation>Remove imported year</translation>
    </message>
    <message>
        <source>国务院办公厅每年12月公布下一年的放假安排。可导入 JSON 文件（{&quot;year&quot;: 2027, &quot;holidays&quot;: […], &quot;workdays&quot;: […]}）或 CSV 文件（每行“日期,休/班”）。</source>
        <translation>The State Council publishes next year&apos;s holiday schedule each December. Import a JSON file ({&quot;year&quot;: 2027, &quot;holidays&quot;: […], &quot;workdays&quot;: […]}) or a CSV file (one &quot;date,休/班&quot; per line).</translation>
    </message>
    <message>
        <source>内置</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>⚠ 缺少 {years} 年的节假日安排：涉及工作日的期限暂按周一至周五计算，请尽快导入。</source>
        <translation>⚠ No holiday schedule for {years}: working-day deadlines are counted Monday–Friday for now. Please import it.</translation>
    </message>
    <message>
        <source>正在保存节假日安排…</source>
        <translation>Saving the holiday schedule…</translation>
    </message>
    <message>
        <source>导入节假日安排</source>
        <translation>Import holiday schedule</translation>
    </message>
    <message>
        <source>节假日安排 (*.json *.csv *.txt)</source>
        <translation>Holiday schedules (*.json *.csv *.txt)</translation>
    </message>
    <message>
        <source>无法读取文件 {path}：{error}</source>
        <translation>Cannot read the file {path}: {error}</translation>
    </message>
    <message>
        <source>文件 {path} 有误：{error}</source>
        <translation>The file {path} is not valid: {error}</translation>
    </message>
    <message>
        <source>{year} 年的安排是程序内置的，不能删除（可以编辑后覆盖）。</source>
        <translation>The {year} schedule ships with the program and cannot be removed (you can edit it to override it).</translation>
    </message>
    <message>
        <source>删除导入的 {year} 年节假日安排？</source>
        <translation>Remove the imported holiday schedule of {year}?</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Remove selected rows</translation>
    </message>
    <message>
        <source>添加当事人</source>
        <translation>Add party</translation>
    </message>
    <message>
        <source>添加开庭记录</source>
        <translation>Add hearing</translation>
    </message>
    <message>
        <source>法治工作台账</source>
        <translation>Rule-of-Law Registers</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入同步包…</source>
        <translation>Import sync bundle…</translation>
    </message>
    <message>
        <source>导出同步包…</source>
        <translation>Export sync bundle…</translation>
    </message>
    <message>
        <source>同步冲突…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <source>从 Excel 台账导入…</source>
        <translation>Import Excel ledger…</translation>
    </message>
    <message>
        <source>导出到 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>新建记录</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <source>回收站…</source>
        <translation>Recycle bin…</translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>统计报表…</source>
        <translation>Statistics report…</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>“{name}”功能尚未提供（将在后续版本中加入）。</source>
        <translation>&quot;{name}&quot; is not available yet (it comes in a later version).</translation>
    </message>
    <message>
        <source>同步包导入功能尚未提供，无法打开 {path}。</source>
        <translation>Importing sync bundles is not available yet; cannot open {path}.</translation>
    </message>
    <message>
        <source>单位：{name}（{code}）</source>
        <translation>Unit: {name} ({code})</translation>
    </message>
    <message>
        <source>本机：{name}（{code}）</source>
        <translation>PC: {name} ({code})</translation>
    </message>
    <message>
        <source>操作员：{name}</source>
        <translation>Operator: {name}</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>上次同步：{when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>，{n} 处冲突待处理</source>
        <translation>, {n} conflicts to settle</translation>
    </message>
    <message>
        <source>⚠ 缺少 {years} 年节假日安排（工作日按周一至周五计算，请在设置中导入）</source>
        <translation>⚠ No holiday schedule for {years} (working days counted Monday–Friday; import it in Settings)</translation>
    </message>
    <message>
        <source>将选中的 {n} 条记录移入回收站？可以在“编辑 → 回收站”中恢复。</source>
        <translation>Move the {n} selected records to the recycle bin? They can be restored from Edit → Recycle bin.</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete records</translation>
    </message>
    <message>
        <source>正在删除…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <source>已移入回收站 {n} 条 · 撤销</source>
        <translation>{n} moved to the recycle bin · Undo</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>法治工作台账 版本 {version}

乡镇（街道）法治工作台账管理：矛盾纠纷、信访、行政应诉、合法性审查。
离线使用，通过同步包在同事之间交换数据。

数据目录：{path}</source>
        <translation>Rule-of-Law Registers version {version}

Registers of township and street offices: disputes, petitions, lawsuits attended, legal reviews.
Works offline; colleagues exchange data by sync bundles.

Data folder: {path}</translation>
    </message>
    <message>
        <source>{register} {n} 件</source>
        <translation>{register}: {n}</translation>
    </message>
    <message>
        <source>有 {n} 件事项已超过办理期限：{parts}。
详见“工作台”。</source>
        <translation>{n} items are past their deadline: {parts}.
See the Dashboard.</translation>
    </message>
    <message>
        <source>逾期提醒</source>
        <translation>Overdue items</translation>
    </message>
    <message>
        <source>全部台账</source>
        <translation>All registers</translation>
    </message>
    <message>
        <source>恢复所选记录</source>
        <translation>Restore selected records</translation>
    </message>
    <message>
        <source>删除的记录保留在回收站中，可随时恢复。</source>
        <translation>Deleted records stay in the recycle bin and can be restored at any time.</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source>搜索编号、姓名、身份证号、电话、简要情况（Ctrl+F）</source>
        <translation>Search serial, name, ID number, phone, summary (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>上一年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>自定义…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>仅显示逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>单位与本机</source>
        <translation>Unit and PC</translation>
    </message>
    <message>
        <source>办理期限规则</source>
        <translation>Deadline rules</translation>
    </message>
    <message>
        <source>节假日安排</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>Our unit</translation>
    </message>
    <message>
        <source>本机名称</source>
        <translation>PC name</translation>
    </message>
    <message>
        <source>本机简码</source>
        <translation>PC short code</translation>
    </message>
    <message>
        <source>操作员的姓名写入此后的每一次修改记录。本机简码写在每条记录的编号里，设定后不能更改。</source>
        <translation>The operator&apos;s name is written into every change from now on. The PC short code is part of every record&apos;s serial number and cannot be changed.</translation>
    </message>
    <message>
        <source>单位（本单位及下级单位）</source>
        <translation>Units (ours and those below it)</translation>
    </message>
    <message>
        <source> 日</source>
        <translation> days</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>期限最后一日为节假日的，顺延至节假日后的第一个工作日</source>
        <translation>A deadline that falls on a holiday moves to the next working day</translation>
    </message>
    <message>
        <source>矛盾纠纷调处期限（自登记）</source>
        <translation>Disputes: mediation (from receipt)</translation>
    </message>
    <message>
        <source>信访：决定是否受理（自收到）</source>
        <translation>Petitions: decide on acceptance (from receipt)</translation>
    </message>
    <message>
        <source>信访：办理期限（自受理）</source>
        <translation>Petitions: handling (from acceptance)</translation>
    </message>
    <message>
        <source>信访：最长延长</source>
        <translation>Petitions: longest extension</translation>
    </message>
    <message>
        <source>信访：复查/复核答复期限</source>
        <translation>Petitions: answer to a review request</translation>
    </message>
    <message>
        <source>行政应诉：提交答辩（自收到起诉状副本）</source>
        <translation>Lawsuits: defence (from service of the complaint)</translation>
    </message>
    <message>
        <source>12345热线工单办结期限</source>
        <translation>12345 hotline work orders</translation>
    </message>
    <message>
        <source>合法性审查：</source>
        <translation>Legal review: </translation>
    </message>
    <message>
        <source>修改后的规则用于此后新建或修改的记录；已保存记录的办理期限在下次保存时按新规则重新计算。</source>
        <translation>Changed rules apply to records created or edited from now on; a saved record gets its deadline recomputed when it is next saved.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>切换语言后主窗口会重新打开（未保存的编辑窗口会先询问）。</source>
        <translation>After switching, the main window reopens (editors with unsaved changes ask first).</translation>
    </message>
    <message>
        <source>正在保存设置…</source>
        <translation>Saving settings…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>发生意外错误，操作没有完成。请把详细信息告知维护人员。</source>
        <translation>An unexpected error occurred and the operation was not completed. Please pass the details on to your support person.</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District / county</translation>
    </message>
    <message>
        <source>乡镇/街道</source>
        <translation>Township / street</translation>
    </message>
    <message>
        <source>村/社区</source>
        <translation>Village / community</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>添加下级单位 — {name}</source>
        <translation>Add a unit below {name}</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>添加下级单位…</source>
        <translation>Add a unit below…</translation>
    </message>
    <message>
        <source>清除日期</source>
        <translation>Clear the date</translation>
    </message>
    <message>
        <source>法治工作台账 — 首次设置</source>
        <translation>Rule-of-Law Registers — first-time setup</translation>
    </message>
    <message>
        <source>如 632801001</source>
        <translation>e.g. 632801001</translation>
    </message>
    <message>
        <source>如 郭勒木德镇</source>
        <translation>e.g. 郭勒木德镇</translation>
    </message>
    <message>
        <source>如 郭勒木德镇司法所-张三</source>
        <translation>e.g. 郭勒木德镇司法所-张三</translation>
    </message>
    <message>
        <source>如 GL1</source>
        <translation>e.g. GL1</translation>
    </message>
    <message>
        <source>如 张三</source>
        <translation>e.g. 张三</translation>
    </message>
    <message>
        <source>欢迎使用法治工作台账。请先填写本单位的信息（所属单位代码在各电脑之间保持一致，汇总上报时按它归类）。</source>
        <translation>Welcome. First enter your office&apos;s unit (the unit code must be the same on every PC; reports are summed up by it).</translation>
    </message>
    <message>
        <source>单位层级</source>
        <translation>Unit level</translation>
    </message>
    <message>
        <source>本机与操作员</source>
        <translation>This PC and its operator</translation>
    </message>
    <message>
        <source>本机名称用于同步时让同事认出这台电脑；本机简码（2–6位大写字母或数字）写入每条记录的编号，同一单位内各电脑不要重复，设定后不能修改。</source>
        <translation>The PC name lets colleagues recognise this PC when syncing; the short code (2–6 capital letters or digits) is part of every record&apos;s serial number, must differ between the PCs of one office, and cannot be changed later.</translation>
    </message>
</context>
</TS>
