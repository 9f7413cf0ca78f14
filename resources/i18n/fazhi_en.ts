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
        <source>已逾期和3日内到期的事项：共 {total} 件，列出最紧急的 {n} 件（双击打开）</source>
        <translation>Overdue and due within 3 days: {total}, the {n} most urgent listed (double-click to open)</translation>
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
        <source>打印</source>
        <translation>Print</translation>
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
        <source>附件</source>
        <translation>Attachments</translation>
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
        <source>回收站 {n}</source>
        <translation>recycle bin {n}</translation>
    </message>
    <message>
        <source>附件 {n} 个</source>
        <translation>{n} attachments</translation>
    </message>
    <message>
        <source>{when}（{reason}，{n} 条记录）</source>
        <translation>{when} ({reason}, {n} records)</translation>
    </message>
    <message>
        <source>备份到数据目录的备份文件夹：{folder}</source>
        <translation>Into the data folder&apos;s backup folder: {folder}</translation>
    </message>
    <message>
        <source>备份到其他文件夹（如 U 盘）：</source>
        <translation>Into another folder (e.g. a USB stick):</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>可不填，例如“年底结账前”</source>
        <translation>Optional, e.g. &quot;before the year-end closing&quot;</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>开始备份</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>备份包含全部记录、修改记录和附件，程序运行中也可以备份。建议定期备份到 U 盘并妥善保管。</source>
        <translation>A backup holds every record, the change history and the attachments, and can be made while the program runs. Back up to a USB stick regularly and keep it safe.</translation>
    </message>
    <message>
        <source>选择备份保存到的文件夹</source>
        <translation>Choose the folder for the backup</translation>
    </message>
    <message>
        <source>请选择备份保存到的文件夹</source>
        <translation>Please choose the folder for the backup</translation>
    </message>
    <message>
        <source>文件夹“{folder}”不存在（U 盘是否已插好？）</source>
        <translation>The folder &quot;{folder}&quot; does not exist (is the USB stick plugged in?)</translation>
    </message>
    <message>
        <source>备份完成：
{path}

{n} 条记录（{counts}），共 {size}。</source>
        <translation>Backup finished:
{path}

{n} records ({counts}), {size} in all.</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>其他文件夹（如 U 盘）…</source>
        <translation>Other folder (e.g. USB stick)…</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>来自电脑</source>
        <translation>From PC</translation>
    </message>
    <message>
        <source>立即备份…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <source>恢复所选备份…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>恢复会用所选备份替换当前的全部数据。恢复前程序会先检查备份是否完好，并自动备份当前数据（“恢复前自动备份”），需要时可以再恢复回来。</source>
        <translation>Restoring replaces all current data with the selected backup. The backup is checked first, and the current data is backed up automatically (&quot;pre-restore backup&quot;) so it can be restored again if needed.</translation>
    </message>
    <message>
        <source>备份位置：{folder}</source>
        <translation>Backups in: {folder}</translation>
    </message>
    <message>
        <source>这个位置没有备份。</source>
        <translation>There are no backups here.</translation>
    </message>
    <message>
        <source>选择存放备份的文件夹</source>
        <translation>Choose the folder holding backups</translation>
    </message>
    <message>
        <source>用 {what}的备份替换当前的全部数据？

备份位置：{path}

当前数据会先自动备份（“恢复前自动备份”），需要时可以再恢复回来。打开的编辑窗口将被关闭。</source>
        <translation>Replace all current data with the backup of {what}?

Backup: {path}

The current data is backed up first (&quot;pre-restore backup&quot;) and can be restored again if needed. Open editor windows will be closed.</translation>
    </message>
    <message>
        <source>确认恢复</source>
        <translation>Confirm restore</translation>
    </message>
    <message>
        <source>这份备份来自另一台电脑“{theirs}”，而本机是“{mine}”。恢复后本机将变成那台电脑的身份，两台电脑同时使用会造成编号重复和同步混乱。只有在那台电脑已停用、要在本机接着使用时才应这样做。

确定要恢复吗？</source>
        <translation>This backup comes from another PC, &quot;{theirs}&quot;; this PC is &quot;{mine}&quot;. After the restore this PC takes that PC&apos;s identity; using both at once would duplicate record numbers and confuse syncing. Do this only if that PC is retired and work continues here.

Restore anyway?</translation>
    </message>
    <message>
        <source>备份来自另一台电脑</source>
        <translation>Backup from another PC</translation>
    </message>
    <message>
        <source>正在恢复备份…</source>
        <translation>Restoring the backup…</translation>
    </message>
    <message>
        <source>已恢复备份 {name}，现有 {n} 条记录（含回收站）。</source>
        <translation>Restored backup {name}; there are now {n} records (recycle bin included).</translation>
    </message>
    <message>
        <source>恢复前的数据已备份为 {name}，需要时可以再恢复回来。</source>
        <translation>The data before the restore was backed up as {name} and can be restored if needed.</translation>
    </message>
    <message>
        <source>损坏的数据库文件已另存到 {path}。</source>
        <translation>The damaged database file was saved to {path}.</translation>
    </message>
    <message>
        <source>备份来自较早版本的程序，已升级到当前版本。</source>
        <translation>The backup came from an older version of the program and was upgraded.</translation>
    </message>
    <message>
        <source>⚠ 有 {n} 个附件文件在备份和本机中都找不到。</source>
        <translation>⚠ {n} attachment files are neither in the backup nor on this PC.</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore finished</translation>
    </message>
    <message>
        <source>数据目录 {folder} 中的数据库已损坏：{what}。</source>
        <translation>The database in the data folder {folder} is damaged: {what}.</translation>
    </message>
    <message>
        <source>正在查找完好的备份…</source>
        <translation>Looking for an intact backup…</translation>
    </message>
    <message>
        <source>选择“否”将退出程序，数据库文件不做任何改动。</source>
        <translation>Choosing &quot;No&quot; quits the program without touching the database file.</translation>
    </message>
    <message>
        <source>最近一份完好的备份是 {what}。
要用它恢复吗？损坏的数据库文件会先另存一份。</source>
        <translation>The newest intact backup is {what}.
Restore it? The damaged database file is saved aside first.</translation>
    </message>
    <message>
        <source>数据库已损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <source>在 {folder} 中没有找到完好的备份。要从其他位置（如 U 盘）的备份恢复吗？</source>
        <translation>No intact backup was found in {folder}. Restore a backup from another place (e.g. a USB stick)?</translation>
    </message>
    <message>
        <source>选择备份所在的文件夹</source>
        <translation>Choose the folder holding the backup</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>损坏的文件已另存到 {path}。</source>
        <translation>The damaged file was saved to {path}.</translation>
    </message>
    <message>
        <source>已从备份 {name} 恢复，共 {n} 条记录。</source>
        <translation>Restored from backup {name}: {n} records.</translation>
    </message>
    <message>
        <source>文件夹 {folder} 中没有完好的备份。</source>
        <translation>There is no intact backup in the folder {folder}.</translation>
    </message>
    <message>
        <source>没有可用的备份</source>
        <translation>No usable backup</translation>
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
        <source>回收站（删除/恢复）</source>
        <translation>Recycle bin (delete/restore)</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record no.</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>现在的值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>另一值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <source>另一值来自</source>
        <translation>Other value from</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found at</translation>
    </message>
    <message>
        <source>显示已处理的冲突</source>
        <translation>Show settled conflicts</translation>
    </message>
    <message>
        <source>保留现在的值</source>
        <translation>Keep current value</translation>
    </message>
    <message>
        <source>记录保持本机现在的值，冲突标记为已处理</source>
        <translation>The record keeps its current value; the conflict is marked settled</translation>
    </message>
    <message>
        <source>改用另一值</source>
        <translation>Use other value</translation>
    </message>
    <message>
        <source>把记录改为另一值（作为本机的一次修改，会同步给同事）</source>
        <translation>Change the record to the other value (a change made on this PC, synced to colleagues)</translation>
    </message>
    <message>
        <source>打开记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>两台电脑在互相同步之前修改了同一字段：记录中现在是较新的修改（现在的值），较早的另一值保留在这里。请核实后选择保留哪一个；处理结果会随同步包传给其他同事。</source>
        <translation>Two PCs changed the same field before syncing with each other: the record holds the newer change (current value) and the earlier one is kept here. Check and choose which to keep; the decision travels to colleagues with the next bundles.</translation>
    </message>
    <message>
        <source>未处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已保留现在的值</source>
        <translation>Kept current value</translation>
    </message>
    <message>
        <source>已改用另一值</source>
        <translation>Used other value</translation>
    </message>
    <message>
        <source>（本机）</source>
        <translation> (this PC)</translation>
    </message>
    <message>
        <source>{n} 处冲突待处理</source>
        <translation>{n} open conflicts</translation>
    </message>
    <message>
        <source>没有待处理的同步冲突</source>
        <translation>No open sync conflicts</translation>
    </message>
    <message>
        <source>正在处理冲突…</source>
        <translation>Settling conflicts…</translation>
    </message>
    <message>
        <source>记录 {serial} 不在本机，无法打开。</source>
        <translation>Record {serial} is not on this PC and cannot be opened.</translation>
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
        <source>扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.wps *.ofd);;所有文件 (*)</source>
        <translation>Scans and documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.wps *.ofd);;All files (*)</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>移入回收站</source>
        <translation>Move to recycle bin</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>显示已移入回收站的附件</source>
        <translation>Show attachments in the recycle bin</translation>
    </message>
    <message>
        <source>保存记录后才能添加附件。</source>
        <translation>Save the record before adding attachments.</translation>
    </message>
    <message>
        <source>在回收站</source>
        <translation>in recycle bin</translation>
    </message>
    <message>
        <source>共 {n} 个附件。可以把文件拖到列表中添加；单个文件不超过 {limit}。双击打开（打开的是副本，改动不会影响保存的附件）。</source>
        <translation>{n} attachments. Files can be dropped on the list; each at most {limit}. Double-click to open (a copy opens; changes do not affect the stored attachment).</translation>
    </message>
    <message>
        <source>选择要添加的附件</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <source>已添加 {n} 个附件；以下文件未添加：</source>
        <translation>{n} attachments added; these files were not:</translation>
    </message>
    <message>
        <source>附件未添加：</source>
        <translation>Not attached:</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <source>正在添加附件…</source>
        <translation>Adding attachments…</translation>
    </message>
    <message>
        <source>已移入回收站 {n} 个 · 撤销</source>
        <translation>{n} moved to the recycle bin · Undo</translation>
    </message>
    <message>
        <source>正在移除附件…</source>
        <translation>Removing attachments…</translation>
    </message>
    <message>
        <source>正在恢复附件…</source>
        <translation>Restoring attachments…</translation>
    </message>
    <message>
        <source>这台电脑上没有能打开“{name}”的程序。文件副本在：
{path}</source>
        <translation>No program on this PC can open &quot;{name}&quot;. The copy is at:
{path}</translation>
    </message>
    <message>
        <source>正在打开附件…</source>
        <translation>Opening the attachment…</translation>
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
        <source>同步</source>
        <translation>Sync</translation>
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
        <source>选择台账文件</source>
        <translation>Choose the ledger file</translation>
    </message>
    <message>
        <source>选择要导入的 Excel 台账（.xlsx、.xls 或 .ods）、其中的工作表，以及它是哪一种台账。</source>
        <translation>Choose the Excel ledger to import (.xlsx, .xls or .ods), its sheet, and which register it is a ledger of.</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>台账类型</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>表头可以不在第一行；标题、序号列、空行和合计行会自动跳过。导入前会先显示预览，确认后才保存。</source>
        <translation>The header need not be on the first row; titles, numbering columns, blank rows and subtotal rows are skipped. A preview is shown first; nothing is saved until you confirm.</translation>
    </message>
    <message>
        <source>选择 Excel 台账</source>
        <translation>Choose an Excel ledger</translation>
    </message>
    <message>
        <source>核对列映射</source>
        <translation>Check the column mapping</translation>
    </message>
    <message>
        <source>程序根据表头猜测了每一列的含义。请逐列核对“导入为”，黄色底的是根据相近表头猜测的；不需要的列选“（不导入）”。</source>
        <translation>The program guessed what each column holds from its header. Check &quot;Import as&quot; for every column; yellow ones were guessed from a similar header. Choose &quot;(not imported)&quot; for columns you do not need.</translation>
    </message>
    <message>
        <source>未指定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>表中只写了月日（如“3月5日”）的日期按这一年计算。</source>
        <translation>Dates written with month and day only (such as &quot;3月5日&quot;) are taken to be in this year.</translation>
    </message>
    <message>
        <source>载入映射…</source>
        <translation>Load mapping…</translation>
    </message>
    <message>
        <source>保存映射…</source>
        <translation>Save mapping…</translation>
    </message>
    <message>
        <source>重新识别</source>
        <translation>Detect again</translation>
    </message>
    <message>
        <source>无年份的日期按</source>
        <translation>Dates without a year:</translation>
    </message>
    <message>
        <source>表头在第 {row} 行（工作表“{sheet}”），共 {n} 列。</source>
        <translation>Header on row {row} (sheet &quot;{sheet}&quot;), {n} columns.</translation>
    </message>
    <message>
        <source>当事人{n}身份</source>
        <translation>Party {n} role</translation>
    </message>
    <message>
        <source>载入列映射</source>
        <translation>Load column mapping</translation>
    </message>
    <message>
        <source>列映射 (*.json)</source>
        <translation>Column mapping (*.json)</translation>
    </message>
    <message>
        <source>保存列映射</source>
        <translation>Save column mapping</translation>
    </message>
    <message>
        <source>无法保存列映射“{path}”：{error}</source>
        <translation>Cannot save the column mapping &quot;{path}&quot;: {error}</translation>
    </message>
    <message>
        <source>列映射已保存到 {path}。</source>
        <translation>Column mapping saved to {path}.</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>下面是每一行将要导入的内容。只导入“可导入”的行；有问题的行不会导入，可以修改表格后重新导入（已导入的行会识别为重复，不会重复导入）。</source>
        <translation>This is what each row would import. Only rows marked &quot;Ready&quot; are imported; rows with problems are not - fix the sheet and import it again (rows already imported are recognised as duplicates and not imported twice).</translation>
    </message>
    <message>
        <source>全部行</source>
        <translation>All rows</translation>
    </message>
    <message>
        <source>用表格中的内容更新重复的已有记录（不勾选则跳过重复行）</source>
        <translation>Update the matching existing records with the sheet&apos;s values (otherwise duplicates are skipped)</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>选中一行可在此查看它的全部问题。</source>
        <translation>Select a row to see all of its problems here.</translation>
    </message>
    <message>
        <source>第{row}行没有问题，可以导入。</source>
        <translation>Row {row} has no problems and can be imported.</translation>
    </message>
    <message>
        <source>导入 {n} 行</source>
        <translation>Import {n} rows</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>导入前已自动备份（{name}），如需撤销可从备份恢复。</source>
        <translation>A backup was made before the import ({name}); restore it to undo the import.</translation>
    </message>
    <message>
        <source>导入的记录已出现在“{register}”台账中。</source>
        <translation>The imported records are now in the &quot;{register}&quot; register.</translation>
    </message>
    <message>
        <source>从 Excel 台账导入</source>
        <translation>Import from an Excel ledger</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>正在读取台账…</source>
        <translation>Reading the ledger…</translation>
    </message>
    <message>
        <source>已取消导入，没有保存任何记录。</source>
        <translation>Import cancelled; no record was saved.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
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
    <message>
        <source>状态：{s}</source>
        <translation>Status: {s}</translation>
    </message>
    <message>
        <source>登记日期：{start} 至 {end}</source>
        <translation>Received: {start} to {end}</translation>
    </message>
    <message>
        <source>单位：{name}及下级</source>
        <translation>Unit: {name} and below</translation>
    </message>
    <message>
        <source>承办人：{name}</source>
        <translation>Handler: {name}</translation>
    </message>
    <message>
        <source>搜索：“{text}”</source>
        <translation>Search: &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>无筛选条件（全部记录）</source>
        <translation>No filters (all records)</translation>
    </message>
    <message>
        <source>导出到 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>当前筛选结果</source>
        <translation>What the tab&apos;s filters show</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>隐藏当事人个人信息（脱敏）</source>
        <translation>Hide parties&apos; personal data (masked)</translation>
    </message>
    <message>
        <source>姓名、身份证号、电话脱敏显示（张*三、138****5678）。需要导回本程序或交给有权查看的人员时可取消勾选。</source>
        <translation>Names, ID numbers and phones are masked (张*三, 138****5678). Untick to import the file back into this program or to give it to someone entitled to see the data.</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>（未脱敏）</source>
        <translation> (unmasked)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 {n} 条记录到：
{path}</source>
        <translation>Exported {n} records to:
{path}</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>✔ 可导入</source>
        <translation>✔ Ready</translation>
    </message>
    <message>
        <source>✖ 有问题</source>
        <translation>✖ Problem</translation>
    </message>
    <message>
        <source>≡ 重复</source>
        <translation>≡ Duplicate</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>示例内容</source>
        <translation>Sample values</translation>
    </message>
    <message>
        <source>根据相近的表头猜测，请确认是否正确。</source>
        <translation>Guessed from a similar header - please check it.</translation>
    </message>
    <message>
        <source>与已有记录 {serial} 相同</source>
        <translation>Same as the existing record {serial}</translation>
    </message>
    <message>
        <source>与本表{row}相同</source>
        <translation>Same as {row} of this sheet</translation>
    </message>
    <message>
        <source>表中行号</source>
        <translation>Sheet row</translation>
    </message>
    <message>
        <source>将导入的记录</source>
        <translation>Record to be imported</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>{n} 字节</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>无法读取报表 PDF（{error}）。</source>
        <translation>Cannot read the report PDF ({error}).</translation>
    </message>
    <message>
        <source>打印机没有准备好，无法开始打印（请检查打印机是否连接、是否有纸）。</source>
        <translation>The printer is not ready; printing could not start (check that it is connected and has paper).</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Statistical report</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>年报</source>
        <translation>Annual</translation>
    </message>
    <message>
        <source>自定义期间</source>
        <translation>Custom range</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> </translation>
    </message>
    <message>
        <source>{m} 月</source>
        <translation>Month {m}</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>在办、逾期、临期数按截至日期计算；默认为统计期末，期末晚于今天时为今天。</source>
        <translation>In progress, overdue and due soon are counted at the as-of date: by default the end of the period, or today if the period ends later.</translation>
    </message>
    <message>
        <source>报表中的姓名、身份证号、电话默认脱敏显示（张*三、138****5678）。取消勾选将显示完整信息，请注意保密。</source>
        <translation>Names, ID numbers and phones are masked in reports by default (张*三, 138****5678). Untick to show them in full - keep such a report confidential.</translation>
    </message>
    <message>
        <source>生成报表</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>报表类型</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>截至日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>（含下级单位）</source>
        <translation>(with the units below it)</translation>
    </message>
    <message>
        <source>报表条件</source>
        <translation>Report conditions</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>可直接粘贴到工作总结或上报材料中的文字（与报表数字一致）：</source>
        <translation>Text to paste into a work summary or a report upwards (the same numbers as the report):</translation>
    </message>
    <message>
        <source>页面预览</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>主要指标</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>文字说明</source>
        <translation>Narrative</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印报表（Ctrl+P）</source>
        <translation>Print the report (Ctrl+P)</translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>保存 Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>请填写自定义期间的开始和结束日期（结束不早于开始）。</source>
        <translation>Enter the start and end of the custom range (the end not before the start).</translation>
    </message>
    <message>
        <source>报表条件已更改，请重新点击“生成报表”后再打印或保存。</source>
        <translation>The conditions have changed: click &quot;Generate&quot; again before printing or saving.</translation>
    </message>
    <message>
        <source>已脱敏</source>
        <translation>masked</translation>
    </message>
    <message>
        <source>未脱敏，含完整个人信息</source>
        <translation>NOT masked, full personal data</translation>
    </message>
    <message>
        <source>{unit}{period}{name}，截至{as_of}，共 {pages} 页（{masked}）</source>
        <translation>{unit} {period} {name}, as of {as_of}, {pages} pages ({masked})</translation>
    </message>
    <message>
        <source>正在生成报表…</source>
        <translation>Generating the report…</translation>
    </message>
    <message>
        <source>正在重新排版…</source>
        <translation>Laying out the pages again…</translation>
    </message>
    <message>
        <source>文字说明已复制，可粘贴到其他文档中。</source>
        <translation>Narrative copied; paste it into another document.</translation>
    </message>
    <message>
        <source>保存报表 PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在保存 PDF…</source>
        <translation>Saving the PDF…</translation>
    </message>
    <message>
        <source>保存报表 Excel</source>
        <translation>Save the report as Excel</translation>
    </message>
    <message>
        <source>正在保存 Excel…</source>
        <translation>Saving the workbook…</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>所选页码超出范围：报表共 {n} 页。</source>
        <translation>The chosen pages are out of range: the report has {n} pages.</translation>
    </message>
    <message>
        <source>已将 {n} 页发送到打印机“{printer}”。</source>
        <translation>Sent {n} pages to the printer &quot;{printer}&quot;.</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>信访·{channel}</source>
        <translation>Petitions · {channel}</translation>
    </message>
    <message>
        <source>{first}—{last}月</source>
        <translation>Months {first}-{last}</translation>
    </message>
    <message>
        <source>1月</source>
        <translation>January</translation>
    </message>
    <message>
        <source>1月1日—{m}月{d}日</source>
        <translation>1 Jan - {d}/{m}</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>环比</source>
        <translation>vs previous</translation>
    </message>
    <message>
        <source>去年同期</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>同比</source>
        <translation>vs last year</translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>选择统计期间和单位，然后点击“生成报表”。</source>
        <translation>Choose the period and the unit, then click &quot;Generate&quot;.</translation>
    </message>
    <message>
        <source>第 {n} 页 共 {m} 页</source>
        <translation>Page {n} of {m}</translation>
    </message>
    <message>
        <source>同步包 (*.fzb);;所有文件 (*)</source>
        <translation>Sync bundles (*.fzb);;All files (*)</translation>
    </message>
    <message>
        <source>无法同步</source>
        <translation>Cannot sync</translation>
    </message>
    <message>
        <source>本机还没有设置同步口令。同步包用全单位共用的同步口令加密，请先在“设置 → 同步”中填写（向单位负责同步的同事索取）。

现在打开设置吗？</source>
        <translation>No sync passphrase has been set on this PC. Sync bundles are encrypted with the passphrase shared by the whole office; enter it first under &quot;Settings → Sync&quot; (ask the colleague in charge of syncing).

Open the settings now?</translation>
    </message>
    <message>
        <source>需要同步口令</source>
        <translation>Sync passphrase needed</translation>
    </message>
    <message>
        <source>导出同步包</source>
        <translation>Export sync bundle</translation>
    </message>
    <message>
        <source>所有已信任的同事尚未收到的修改（增量）</source>
        <translation>Changes not yet received by all trusted colleagues (incremental)</translation>
    </message>
    <message>
        <source>只给 {name}（{code}）尚未收到的修改（增量）</source>
        <translation>Changes not yet received by {name} ({code}) only (incremental)</translation>
    </message>
    <message>
        <source>全部数据（完整同步包，给新同事或首次同步）</source>
        <translation>All data (full bundle, for a new colleague or a first sync)</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>同步包用全单位共用的同步口令加密，并由本机签名。请用 U 盘等把文件交给同事，由对方在“文件 → 导入同步包”中导入。</source>
        <translation>The bundle is encrypted with the office sync passphrase and signed by this PC. Give the file to your colleague (e.g. on a USB stick), who imports it with &quot;File → Import sync bundle&quot;.</translation>
    </message>
    <message>
        <source>本机还没有导入过任何同事的同步包，因此导出全部数据。请用 U 盘等把文件交给同事，由对方在“文件 → 导入同步包”中导入。</source>
        <translation>This PC has not imported any colleague&apos;s bundle yet, so all data is exported. Give the file to your colleague (e.g. on a USB stick), who imports it with &quot;File → Import sync bundle&quot;.</translation>
    </message>
    <message>
        <source>保存同步包</source>
        <translation>Save sync bundle</translation>
    </message>
    <message>
        <source>请填写同步包的保存位置</source>
        <translation>Please choose where to save the bundle</translation>
    </message>
    <message>
        <source>文件夹“{folder}”不存在，请重新选择</source>
        <translation>The folder &quot;{folder}&quot; does not exist; please choose another</translation>
    </message>
    <message>
        <source>完整同步包</source>
        <translation>Full sync bundle</translation>
    </message>
    <message>
        <source>增量同步包</source>
        <translation>Incremental sync bundle</translation>
    </message>
    <message>
        <source>{kind}已保存：
{path}

共 {n} 条记录，{size}。请把它交给同事，由对方在“文件 → 导入同步包”中导入。</source>
        <translation>{kind} saved:
{path}

{n} records, {size}. Give it to your colleague, who imports it with &quot;File → Import sync bundle&quot;.</translation>
    </message>
    <message>
        <source>正在导出同步包…</source>
        <translation>Exporting sync bundle…</translation>
    </message>
    <message>
        <source>选择要导入的同步包</source>
        <translation>Choose the sync bundle to import</translation>
    </message>
    <message>
        <source>同步包自称来自已信任的同事 &lt;b&gt;{name}&lt;/b&gt;，但&lt;b&gt;签名密钥与以前不同&lt;/b&gt;。可能是对方重装了程序，也可能是伪造的文件。</source>
        <translation>The bundle claims to come from the trusted colleague &lt;b&gt;{name}&lt;/b&gt;, but &lt;b&gt;its signing key has changed&lt;/b&gt;. The colleague may have reinstalled the program — or the file may be forged.</translation>
    </message>
    <message>
        <source>继续将撤销对原密钥的信任，改为信任新密钥，然后导入。</source>
        <translation>Continuing revokes the old key, trusts the new one and imports.</translation>
    </message>
    <message>
        <source>您已撤销对同事 &lt;b&gt;{name}&lt;/b&gt; 的信任。确认要重新信任并导入吗？</source>
        <translation>You revoked your trust in &lt;b&gt;{name}&lt;/b&gt;. Trust this colleague again and import?</translation>
    </message>
    <message>
        <source>重新信任后，今后来自这位同事的同步包将直接导入。</source>
        <translation>Once trusted again, bundles from this colleague are imported directly.</translation>
    </message>
    <message>
        <source>这个同步包来自尚未信任的同事 &lt;b&gt;{name}&lt;/b&gt;。</source>
        <translation>This bundle comes from &lt;b&gt;{name}&lt;/b&gt;, a colleague not trusted yet.</translation>
    </message>
    <message>
        <source>信任后，今后来自这位同事的同步包将直接导入；可在“设置 → 同步”中撤销信任。</source>
        <translation>Once trusted, bundles from this colleague are imported directly; trust can be revoked under &quot;Settings → Sync&quot;.</translation>
    </message>
    <message>
        <source>原指纹：</source>
        <translation>Old fingerprint:</translation>
    </message>
    <message>
        <source>发送人指纹：</source>
        <translation>Sender&apos;s fingerprint:</translation>
    </message>
    <message>
        <source>本机指纹：</source>
        <translation>This PC&apos;s fingerprint:</translation>
    </message>
    <message>
        <source>请打电话或当面请对方在“设置 → 同步”中念出其本机指纹，与上面的发送人指纹逐位核对，完全一致才可信任。</source>
        <translation>Call the colleague (or ask in person) to read out the fingerprint shown under &quot;Settings → Sync&quot; on their PC, and compare it character by character with the sender&apos;s fingerprint above. Trust only if they match exactly.</translation>
    </message>
    <message>
        <source>确认同步包的发送人</source>
        <translation>Confirm the sender of the bundle</translation>
    </message>
    <message>
        <source>信任并导入</source>
        <translation>Trust and import</translation>
    </message>
    <message>
        <source>找不到同步包文件：{path}</source>
        <translation>Sync bundle not found: {path}</translation>
    </message>
    <message>
        <source>正在校验同步包…</source>
        <translation>Checking the sync bundle…</translation>
    </message>
    <message>
        <source>这是本机自己导出的同步包，无需导入。</source>
        <translation>This bundle was exported by this PC; there is nothing to import.</translation>
    </message>
    <message>
        <source>正在解密并检查同步包…</source>
        <translation>Decrypting and checking the sync bundle…</translation>
    </message>
    <message>
        <source>正在导入同步包…（可以取消，取消后数据不变）</source>
        <translation>Importing the sync bundle… (cancelling leaves the data unchanged)</translation>
    </message>
    <message>
        <source>已导入 {name} 的同步包：新增 {new} 条，更新 {updated} 条，删除 {deleted} 条，恢复 {restored} 条，冲突 {conflicting} 处。</source>
        <translation>Imported the bundle from {name}: {new} new, {updated} updated, {deleted} deleted, {restored} restored, {conflicting} in conflict.</translation>
    </message>
    <message>
        <source>同步包中没有本机尚未有的内容，数据没有变化（已记下对方的同步进度）。</source>
        <translation>The bundle holds nothing this PC does not have; no data changed (the colleague&apos;s sync progress was noted).</translation>
    </message>
    <message>
        <source>导入前的数据已自动备份：{name}</source>
        <translation>The data before the import was backed up automatically: {name}</translation>
    </message>
    <message>
        <source>共有 {n} 处同步冲突待处理，现在查看吗？</source>
        <translation>{n} sync conflicts are open. View them now?</translation>
    </message>
    <message>
        <source>已取消，数据库没有任何改动。</source>
        <translation>Cancelled; the database was not changed.</translation>
    </message>
    <message>
        <source>导入同步包</source>
        <translation>Import sync bundle</translation>
    </message>
    <message>
        <source>新增</source>
        <comment>import preview column</comment>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <comment>import preview column</comment>
        <translation>Updated</translation>
    </message>
    <message>
        <source>冲突</source>
        <comment>import preview column</comment>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>删除</source>
        <comment>import preview column</comment>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>恢复</source>
        <comment>import preview column</comment>
        <translation>Restored</translation>
    </message>
    <message>
        <source>无变化</source>
        <comment>import preview column</comment>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>导入同步包 — 预览</source>
        <translation>Import sync bundle — preview</translation>
    </message>
    <message>
        <source>发送人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>发送人指纹</source>
        <translation>Sender&apos;s fingerprint</translation>
    </message>
    <message>
        <source>完整同步包（对方的全部数据）</source>
        <translation>Full bundle (all of the colleague&apos;s data)</translation>
    </message>
    <message>
        <source>增量同步包（对方新近的修改）</source>
        <translation>Incremental bundle (the colleague&apos;s recent changes)</translation>
    </message>
    <message>
        <source>导出时间</source>
        <translation>Exported at</translation>
    </message>
    <message>
        <source>将记下 {n} 处同步冲突或冲突的处理结果（双方都改过的字段），导入后可在“文件 → 同步冲突”中查看和处理。</source>
        <translation>{n} sync conflicts or conflict settlements will be recorded (fields changed on both sides); after the import see &quot;File → Sync conflicts&quot;.</translation>
    </message>
    <message>
        <source>附件：{n} 个新增或状态变化，其中 {files} 个文件将存入本机。</source>
        <translation>Attachments: {n} new or changed, {files} file(s) to be stored on this PC.</translation>
    </message>
    <message>
        <source>导入后将信任这位同事（可在“设置 → 同步”中撤销）</source>
        <translation>This colleague will be trusted after the import (revocable under &quot;Settings → Sync&quot;)</translation>
    </message>
    <message>
        <source>这个同步包中没有本机尚未有的内容；导入只会记下对方的同步进度。</source>
        <translation>The bundle holds nothing this PC does not have; importing only notes the colleague&apos;s sync progress.</translation>
    </message>
    <message>
        <source>导入后各台账的变化：</source>
        <translation>Changes to each register after the import:</translation>
    </message>
    <message>
        <source>⚠ 提醒（{n} 条，不影响导入）：</source>
        <translation>⚠ Warnings ({n}; the import is not affected):</translation>
    </message>
    <message>
        <source>导入前会自动备份当前数据。导入中途可以取消，取消后数据不会有任何改动。双方同时修改了同一字段的，较新的修改生效，另一值保留为“同步冲突”，可在“文件 → 同步冲突”中处理。</source>
        <translation>The current data is backed up before the import. The import can be cancelled; nothing is changed then. Where both sides changed the same field, the newer change wins and the other value is kept as a &quot;sync conflict&quot; to settle under &quot;File → Sync conflicts&quot;.</translation>
    </message>
    <message>
        <source>导入</source>
        <comment>button</comment>
        <translation>Import</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>本机指纹</source>
        <translation>This PC&apos;s fingerprint</translation>
    </message>
    <message>
        <source>系统密钥环</source>
        <translation>System keyring</translation>
    </message>
    <message>
        <source>同步口令</source>
        <translation>Sync passphrase</translation>
    </message>
    <message>
        <source>全单位共用的同步口令（至少 {n} 个字符）</source>
        <translation>The office&apos;s shared sync passphrase (at least {n} characters)</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Type it again</translation>
    </message>
    <message>
        <source>保存口令</source>
        <translation>Save passphrase</translation>
    </message>
    <message>
        <source>设置同步口令</source>
        <translation>Set the sync passphrase</translation>
    </message>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>确认口令</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>同步包用这个口令加密，单位内每台电脑必须填写同一个口令。口令只保存在本机的系统密钥环中，不写入任何文件。</source>
        <translation>Bundles are encrypted with this passphrase; every PC of the office must use the same one. It is kept only in this PC&apos;s system keyring, never in a file.</translation>
    </message>
    <message>
        <source>同事电脑</source>
        <translation>Colleague&apos;s PC</translation>
    </message>
    <message>
        <source>简码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>上次导入</source>
        <translation>Last import</translation>
    </message>
    <message>
        <source>撤销信任</source>
        <translation>Revoke trust</translation>
    </message>
    <message>
        <source>已信任的同事</source>
        <translation>Trusted colleagues</translation>
    </message>
    <message>
        <source>首次导入某位同事的同步包时核对指纹后信任。撤销后，来自该同事的同步包将被拒绝，除非重新核对指纹并信任。</source>
        <translation>A colleague is trusted after checking the fingerprint at the first import. Once revoked, bundles from that colleague are refused unless the fingerprint is checked and trusted again.</translation>
    </message>
    <message>
        <source>尚未生成（保存同步口令时生成）</source>
        <translation>Not created yet (created when the passphrase is saved)</translation>
    </message>
    <message>
        <source>✖ 无法设置：没有可用的系统密钥环（见上）</source>
        <translation>✖ Cannot be set: no usable system keyring (see above)</translation>
    </message>
    <message>
        <source>✔ 已设置（如需更换，在下面输入新口令）</source>
        <translation>✔ Set (to change it, enter a new one below)</translation>
    </message>
    <message>
        <source>✖ 尚未设置：设置后才能导出或导入同步包</source>
        <translation>✖ Not set: needed to export or import sync bundles</translation>
    </message>
    <message>
        <source>已信任</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <source>已撤销 {when}</source>
        <translation>Revoked {when}</translation>
    </message>
    <message>
        <source>同步口令至少需要 {n} 个字符</source>
        <translation>The sync passphrase needs at least {n} characters</translation>
    </message>
    <message>
        <source>两次输入的口令不一致</source>
        <translation>The two entries differ</translation>
    </message>
    <message>
        <source>正在保存同步口令…</source>
        <translation>Saving the sync passphrase…</translation>
    </message>
    <message>
        <source>同步口令没有保存：</source>
        <translation>The sync passphrase was not saved: </translation>
    </message>
    <message>
        <source>撤销对“{name}”的信任？此后来自这台电脑的同步包将被拒绝，除非重新核对指纹并信任。已导入的数据不受影响。</source>
        <translation>Revoke trust in &quot;{name}&quot;? Bundles from that PC will be refused unless its fingerprint is checked and trusted again. Data already imported is not affected.</translation>
    </message>
    <message>
        <source>正在撤销信任…</source>
        <translation>Revoking trust…</translation>
    </message>
</context>
</TS>
