<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ArgsDialog</name>
    <message>
        <location filename="../../app/ui/documents/document_args.py" line="+123"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
</context>
<context>
    <name>AwarenessPage</name>
    <message>
        <location filename="../../app/ui/inspection/awareness_page.py" line="+56"/>
        <source>Worker awareness sampling</source>
        <translation>员工抽问</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask {workers} workers {questions_per_worker} questions each, at least one on the ten must-knows. Target awareness rate: {target} or more.</source>
        <translation>抽问 {workers} 名员工，每人 {questions_per_worker} 题，其中至少 1 题出自“十必会”。知晓率目标：不低于 {target}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+17"/>
        <source>Worker</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Questions asked</source>
        <translation>抽问题数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered correctly</source>
        <translation>答对题数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Record a worker</source>
        <translation>记录一名员工</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asked</source>
        <translation>抽问</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Correct</source>
        <translation>答对</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate</source>
        <translation>知晓率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Workers asked</source>
        <translation>已抽问员工</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Questions to ask</source>
        <translation>抽问参考题</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Correct if they mention: {points}</source>
        <translation>答出即算正确：{points}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ten musts</source>
        <translation>十必须</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ten prohibitions</source>
        <translation>十不准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ten must-knows</source>
        <translation>十必会</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Worker {number}</source>
        <translation>员工 {number}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Awareness rate: — (target {target})</source>
        <translation>知晓率：—（目标 {target}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker asked yet</source>
        <translation>尚未抽问</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Awareness rate: {correct}/{asked} = {rate} (target {target})</source>
        <translation>知晓率：{correct}/{asked} = {rate}（目标 {target}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Target met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Below target</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../app/ui/backups.py" line="+37"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Damaged database</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is damaged: {problem}</source>
        <translation>数据库已损坏：{problem}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no sound backup to restore. Keep a copy of the data folder and ask for help.</source>
        <translation>没有可用的完好备份。请保留数据目录的副本并寻求技术支持。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore the backup of {made} ({reason})? The damaged file is kept as a backup first.</source>
        <translation>是否恢复 {made} 的备份（{reason}）？损坏的文件会先另存为备份。</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../app/ui/documents/batch_dialog.py" line="+66"/>
        <source>Batch print documents</source>
        <translation>批量打印文书</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All townships</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only documents issued from</source>
        <translation>仅限出具日期从</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One PDF per enterprise</source>
        <translation>每家企业一个 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One merged PDF</source>
        <translation>合并为一个 PDF</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Document type</source>
        <translation>文书类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue date</source>
        <translation>出具日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>Target folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Start printing</source>
        <translation>开始打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel printing</source>
        <translation>取消打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>All parks</source>
        <translation>全部园区</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%n document(s) match</source>
        <translation>
            <numerusform>符合条件的文书 %n 份</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No documents match; nothing was written.</source>
        <translation>没有符合条件的文书，未生成文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled after {done} of {total} document(s); {files} file(s) written in {seconds} s.</source>
        <translation>已取消：完成 {done}/{total} 份文书，已写出 {files} 个文件，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Printed {documents} document(s) of {enterprises} enterprise(s) into {files} file(s) in {seconds} s.</source>
        <translation>已打印 {enterprises} 家企业的 {documents} 份文书，共 {files} 个文件，用时 {seconds} 秒。</translation>
    </message>
</context>
<context>
    <name>BodycamDialog</name>
    <message>
        <location filename="../../app/ui/inspection/bodycam_dialog.py" line="+26"/>
        <source>Body camera</source>
        <translation>执法记录仪</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device number or video file name</source>
        <translation>记录仪编号或视频文件名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Camera / file</source>
        <translation>记录仪/文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording from</source>
        <translation>录像开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording to</source>
        <translation>录像结束</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../app/ui/coverage/campaign_dialog.py" line="+38"/>
        <source>Edit the campaign</source>
        <translation>编辑专项行动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New campaign</source>
        <translation>新建专项行动</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every enterprise</source>
        <translation>全部企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Townships</source>
        <translation>指定镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parks</source>
        <translation>指定园区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprises</source>
        <translation>指定企业</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
</context>
<context>
    <name>ComparisonImportDialog</name>
    <message>
        <location filename="../../app/ui/registry/comparison_tab.py" line="+51"/>
        <source>Import a self-inspection list</source>
        <translation>导入企业自查台账</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period from</source>
        <translation>比对期间自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>One row per item judged, one row per hazard found; the columns of the template (事项编号, 自查结论, 隐患描述, 发现日期).</source>
        <translation>每个自查事项一行，每项隐患一行；列同模板（事项编号、自查结论、隐患描述、发现日期）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Self-inspection list</source>
        <translation>企业自查台账</translation>
    </message>
</context>
<context>
    <name>ComparisonTab</name>
    <message>
        <location line="+25"/>
        <source>Export a blank list…</source>
        <translation>导出自查台账模板…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import self-inspection list…</source>
        <translation>导入自查台账…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the selected list</source>
        <translation>删除所选台账</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Period</source>
        <translation>比对期间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Self-found</source>
        <translation>企业自查发现</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found by officers</source>
        <translation>执法检查发现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>漏报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Self-detection rate</source>
        <translation>自查发现率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Called compliant, found not</source>
        <translation>自报合格而检查不符合</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No self-inspection list imported yet.</source>
        <translation>尚未导入企业自查台账。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{period}: the enterprise found {own}; officers found {theirs}, of which {missed} on items it had called compliant.</source>
        <translation>{period}：企业自查发现隐患 {own} 项；执法检查发现 {theirs} 项，其中 {missed} 项在企业自报合格的事项上。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Possibly untrue records: {items} were called compliant but found not compliant.</source>
        <translation>可能不实的自查记录：{items} 企业自报合格，检查发现不符合。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export a blank list</source>
        <translation>导出自查台账模板</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Importing the self-inspection list…</source>
        <translation>正在导入企业自查台账…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove the list</source>
        <translation>删除自查台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the self-inspection list of {period}?</source>
        <translation>删除 {period} 的企业自查台账吗？</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../app/ui/sync/conflicts_page.py" line="+144"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Keep the selected value</source>
        <translation>采用所选取值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge into one enterprise…</source>
        <translation>合并为同一企业…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Void the selected document…</source>
        <translation>作废所选文书…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No conflicts: everything imported so far merged cleanly.</source>
        <translation>没有冲突：已导入的数据均已顺利合并。</translation>
    </message>
    <message numerus="yes">
        <location line="+64"/>
        <source>%n conflict(s) to settle</source>
        <translation>
            <numerusform>待处理冲突 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{kind} · {table} · {column}</source>
        <translation>{kind} · {table} · {column}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{value} (signed version, shown)</source>
        <translation>{value}（签名版本，正在显示）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+49"/>
        <source>Author</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="-300"/>
        <location line="+251"/>
        <location line="+50"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="-347"/>
        <source>Two devices changed this field without seeing each other&apos;s change. Choose the value to keep; the choice travels to the other devices with the next bundle.</source>
        <translation>两台设备在互不知情的情况下修改了此字段。请选择要保留的取值；该选择会随下一个同步包传到其他设备。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This change was made to a document its signer never saw. The signed version stands; the change is kept aside. A correction is made by issuing a new document.</source>
        <translation>这项修改发生在签名人未见到的情况下。以签名版本为准，该修改单独保留不生效；如需更正，请出具新的文书。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same document was signed on two devices. Void it with a reason and issue a corrected document if needed.</source>
        <translation>同一份文书在两台设备上分别签了名。请说明原因将其作废，必要时出具更正文书。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A device signed a document whose number is not its own, or voided a document another device signed, without a supervisor&apos;s authority. It was not applied; check that device.</source>
        <translation>有设备签署了不属于本设备编号段的文书，或未经上级授权作废了其他设备签名的文书。该操作未生效，请核查该设备。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two documents carry the same number. Void one of them with a reason; its number stays with it.</source>
        <translation>两份文书编号相同。请说明原因作废其中一份；作废的文书保留原编号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two enterprise records have the same credit code: probably one firm entered twice. Merge them and choose the record to keep.</source>
        <translation>两条企业记录的统一社会信用代码相同，可能是同一企业被录入了两次。请合并，并选择保留哪一条。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One verdict, answer or signature was recorded twice on two devices. The later one is shown; record it again (or sign again) on the visit to settle it.</source>
        <translation>同一检查结论、答复或签名在两台设备上各记录了一次。现显示较晚的一条；在该次检查中重新记录（或重新签名）即可消除。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Merged into</source>
        <translation>已合并到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict</source>
        <translation>检查结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certificate no.</source>
        <translation>证件号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key</source>
        <translation>公钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document file</source>
        <translation>文书文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First number</source>
        <translation>起始编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last number</source>
        <translation>截止编号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{value} (shown now)</source>
        <translation>{value}（当前显示）</translation>
    </message>
    <message>
        <location line="-278"/>
        <location line="+283"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-281"/>
        <location line="+281"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="-282"/>
        <location line="+282"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="-266"/>
        <location line="+298"/>
        <source>Document number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-305"/>
        <location line="+306"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="-307"/>
        <location line="+308"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>CoveragePage</name>
    <message>
        <location filename="../../app/ui/coverage/coverage_page.py" line="+78"/>
        <source>New campaign…</source>
        <translation>新建专项行动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+2"/>
        <source>Enterprises</source>
        <translation>企业数</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+2"/>
        <source>Visited</source>
        <translation>已到</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Share</source>
        <translation>到访率</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+32"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next visit due</source>
        <translation>应检日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visits that did not count</source>
        <translation>未计入的检查</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open dossier</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Campaign</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Counts?</source>
        <translation>是否计入</translation>
    </message>
    <message>
        <source>Not yet visited (most urgent first)</source>
        <translation type="vanished">尚未到访（按紧迫程度）</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No campaign yet: create one with its period and scope.</source>
        <translation>尚无专项行动：请新建并设定期间和范围。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{visited} of {total} enterprises visited with the method kept ({share}); {pending} still to visit</source>
        <translation>{total} 家企业中已到 {visited} 家（{share}，按“必到、必问、必考”计）；尚有 {pending} 家未到</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sampled</source>
        <translation>抽查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counts</source>
        <translation>计入</translation>
    </message>
    <message numerus="yes">
        <location line="-30"/>
        <source>Not yet visited, most urgent first (%n)</source>
        <translation>
            <numerusform>尚未到访，按紧迫程度（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Who visited whom (%n)</source>
        <translation>
            <numerusform>到访记录（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(none)</source>
        <translation>（未注明）</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../app/ui/crash.py" line="+45"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FieldSafe hit an error it did not expect. Your saved work is safe. The details are written to {log_path}; please send them to the people who look after FieldSafe.</source>
        <translation>现场安全检查遇到了一个意外错误。已保存的内容不会丢失。详细信息已写入 {log_path}，请发送给本软件的维护人员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
</context>
<context>
    <name>DocumentArgs</name>
    <message>
        <location filename="../../app/ui/documents/document_args.py" line="-85"/>
        <source>One measure per line, with its scope and how long it lasts</source>
        <translation>每行一项措施，写明范围和期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The measures stop work (责令暂时停产停业 or 停止使用设施设备)</source>
        <translation>措施含责令暂时停产停业或停止使用设施、设备</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Measures decided</source>
        <translation>决定的措施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order re-checked (number)</source>
        <translation>被复查的指令书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order re-checked (date)</source>
        <translation>被复查的指令书日期</translation>
    </message>
</context>
<context>
    <name>DocumentButtons</name>
    <message>
        <location filename="../../app/ui/documents/document_buttons.py" line="+29"/>
        <source>Issue on-site inspection record</source>
        <translation>出具现场检查记录</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The record is issued once the inspection is completed.</source>
        <translation>检查结束后才能出具现场检查记录。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issued for this inspection: none yet.</source>
        <translation>本次检查已出具的文书：暂无。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued for this inspection:</source>
        <translation>本次检查已出具的文书：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Issue rectification order: {name}</source>
        <translation>出具责令限期整改指令书：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Issue on-site measures decision: {name}…</source>
        <translation>出具现场处理措施决定书：{name}…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuing the document…</source>
        <translation>正在开具文书…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>On-site measures decision</source>
        <translation>现场处理措施决定书</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measures decided on site for {enterprise}:</source>
        <translation>对 {enterprise} 现场决定的处理措施：</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../app/ui/documents/documents_model.py" line="+23"/>
        <source>Number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Served {service}</source>
        <translation>送达 {service}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrects {number}</source>
        <translation>更正 {number}</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Number</source>
        <translation type="vanished">文书编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="vanished">文书类型</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="vanished">企业</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="vanished">创建时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="vanished">备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/documents_page.py" line="+58"/>
        <source>Issue…</source>
        <translation>出具文书…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign…</source>
        <translation>签名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serve…</source>
        <translation>送达…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record when, how and to whom the signed document was served</source>
        <translation>登记已签名文书的送达时间、方式和受送达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void this document with a reason and issue a corrected one</source>
        <translation>说明原因作废本文书，并出具更正后的新文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch print…</source>
        <translation>批量打印…</translation>
    </message>
    <message>
        <source>Voided: {reason}</source>
        <translation type="vanished">已作废：{reason}</translation>
    </message>
    <message>
        <source>Served {service}</source>
        <translation type="vanished">送达 {service}</translation>
    </message>
    <message>
        <source>Corrects {number}</source>
        <translation type="vanished">更正 {number}</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Issuing the document…</source>
        <translation>正在开具文书…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Correct document</source>
        <translation>更正文书</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{number} will be voided with the reason below and a corrected {doc_type} issued as a new draft.</source>
        <translation>{number} 将按下列原因作废，并出具一份更正后的{doc_type}（草稿）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Issuing the corrected document…</source>
        <translation>正在开具更正后的文书…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Preparing the pages for the printer…</source>
        <translation>正在为打印机准备页面…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Save document as</source>
        <translation>文书另存为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <location filename="../../app/ui/registry/dossier_page.py" line="+146"/>
        <source>Role</source>
        <comment>of a person</comment>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No people recorded</source>
        <translation>暂无人员信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leased space</source>
        <translation>承租位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety agreement</source>
        <translation>安全管理协议</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Its open hazards</source>
        <translation>其未整改隐患</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No leases recorded</source>
        <translation>暂无租赁关系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mode</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Site inspected</source>
        <translation>检查对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Hazards</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Still open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not inspected yet</source>
        <translation>暂无检查记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hazard</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open hazards</source>
        <translation>暂无未整改隐患</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>制作时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No documents yet</source>
        <translation>暂无文书</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re-inspect</source>
        <translation>复查</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No hazard of this enterprise waits for a re-check</source>
        <translation>该企业没有待复查的隐患</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>People (%n)</source>
        <translation>
            <numerusform>人员（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Leases (%n)</source>
        <translation>
            <numerusform>租赁关系（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Inspections (%n)</source>
        <translation>
            <numerusform>检查记录（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Open hazards (%n)</source>
        <translation>
            <numerusform>未整改隐患（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Documents (%n)</source>
        <translation>
            <numerusform>文书（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stars ({lit})</source>
        <translation>亮星评级（{lit}）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Comparison (%n)</source>
        <translation>
            <numerusform>比对检查（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No enterprise selected</source>
        <translation>未选择企业</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Risk not graded</source>
        <translation>风险未评定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Credit code {uscc}</source>
        <translation>统一社会信用代码 {uscc}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No credit code</source>
        <translation>无统一社会信用代码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>next visit due by {date}</source>
        <translation>应于 {date} 前再次检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no visit due by grade (sampled)</source>
        <translation>按等级无需定期检查（抽查）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no completed visit yet</source>
        <translation>尚无已完成的检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By the rules: {grade} — {reason}; {due}</source>
        <translation>按规则评定：{grade}——{reason}；{due}</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Inspected %n time(s)</source>
        <translation>
            <numerusform>已检查 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n open hazard(s)</source>
        <translation>
            <numerusform>未整改隐患 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n major</source>
        <translation>
            <numerusform>重大隐患 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+34"/>
        <source>%n tenant(s)</source>
        <translation>
            <numerusform>承租方 %n 家</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-32"/>
        <source>%n without safety agreement</source>
        <translation>
            <numerusform>%n 家未签安全管理协议</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enterprise name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>企业角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not graded</source>
        <translation>未评定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Township</source>
        <translation>所属乡镇（街道）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park</source>
        <translation>所在园区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landlord</source>
        <translation>出租方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenants</source>
        <translation>承租方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company phone</source>
        <translation>单位电话</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the dossier of {name}</source>
        <translation>打开“{name}”的档案</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+61"/>
        <source>Signed</source>
        <translation>已签订</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Not signed</source>
        <translation>未签订</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This enterprise</source>
        <translation>本企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} ({major} major)</source>
        <translation>{count}（重大 {major}）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rectified on site</source>
        <translation>已现场整改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No deadline</source>
        <translation>无整改期限</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>On-site inspection record</source>
        <translation>现场检查记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rectification order</source>
        <translation>责令限期整改指令书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-site measures decision</source>
        <translation>现场处理措施决定书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recheck opinion</source>
        <translation>整改复查意见书</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Served</source>
        <translation>已送达</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../app/ui/sync/enrol_dialog.py" line="+68"/>
        <source>Enrol devices</source>
        <translation>登记设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These bundles come from devices that are not enrolled here. Compare each key fingerprint with the one shown on the sending laptop (Sync tab, &quot;This device&quot;) before you enrol it: a bundle is trusted only from an enrolled device.</source>
        <translation>这些同步包来自本机尚未登记的设备。登记前请逐一核对密钥指纹与发出电脑上显示的指纹（“同步”页的“本机”）：只接受已登记设备的同步包。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundles</source>
        <translation>同步包</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enrol this device and import its bundles</source>
        <translation>登记该设备并导入其同步包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. inspector&apos;s name</source>
        <translation>如：检查员姓名</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enrol and import</source>
        <translation>登记并导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not enrol</source>
        <translation>不登记</translation>
    </message>
</context>
<context>
    <name>EnterpriseDialog</name>
    <message>
        <location filename="../../app/ui/registry/enterprise_dialog.py" line="+96"/>
        <source>New enterprise</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit enterprise</source>
        <translation>编辑企业</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>* required</source>
        <translation>* 为必填项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full registered name, or the sign over the door</source>
        <translation>营业执照上的全称，或门头招牌名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name *</source>
        <translation>企业名称 *</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>18 characters, or leave empty</source>
        <translation>18 位，没有可不填</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Role</source>
        <translation>企业角色</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose, or type a new name</source>
        <translation>请选择，或输入新名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Township</source>
        <translation>所属乡镇（街道）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional; choose, or type a new name</source>
        <translation>可不填；请选择，或输入新名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park</source>
        <translation>所在园区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. hardware, plastics, textiles</source>
        <translation>如：五金、塑料、纺织</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not recorded</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not graded</source>
        <translation>未评定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile, or landline with area code</source>
        <translation>手机号，或带区号的座机号</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lease (tenants only)</source>
        <translation>租赁关系（承租方填写）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Landlord</source>
        <translation>出租方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. building 3, floor 2</source>
        <translation>如：3 幢 2 层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leased space</source>
        <translation>承租位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>已签订</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Safety agreement</source>
        <translation>安全管理协议</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Edit enterprise: {name}</source>
        <translation>编辑企业：{name}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Also leases from: {others}</source>
        <translation>另向以下出租方承租：{others}</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Has %n tenant(s); the role follows from its leases</source>
        <translation>
            <numerusform>有 %n 家承租方，该角色由租赁关系决定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving ends the lease with “{landlord_name}”</source>
        <translation>保存后将解除与“{landlord_name}”的租赁关系</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Characters not allowed: {bad} (I, O, S, V and Z are never used)</source>
        <translation>含有不允许的字符：{bad}（不使用 I、O、S、V、Z）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} of 18 characters</source>
        <translation>已输入 {count}/18 位</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This credit code already belongs to “{name}”</source>
        <translation>该统一社会信用代码已属于“{name}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check character correct</source>
        <translation>校验位正确</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the name that goes with this phone number</source>
        <translation>请填写该电话对应的姓名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unusual number: a mobile has 11 digits starting 13–19, a landline needs its area code (e.g. 0574-87654321). It will be saved as typed.</source>
        <translation>号码格式不常见：手机号为 13–19 开头的 11 位数字，座机需带区号（如 0574-87654321）。将按原样保存。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No registered landlord is called “{name}”. Choose one from the list, or register the landlord first.</source>
        <translation>没有名为“{name}”的已登记出租方。请从列表中选择，或先登记该出租方。</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../app/ui/hazards/extension_dialog.py" line="+44"/>
        <source>Decide the extension request</source>
        <translation>审批延期申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asked for</source>
        <translation>申请内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{old} → {new}: {reason}</source>
        <translation>{old} → {new}：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approve</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a later deadline</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline now</source>
        <translation>现整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New deadline</source>
        <translation>申请延至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>延期理由</translation>
    </message>
</context>
<context>
    <name>HazardActionDialog</name>
    <message>
        <location filename="../../app/ui/hazards/action_dialog.py" line="+63"/>
        <source>{action}: {hazard}</source>
        <translation>{action}：{hazard}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was done</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remediation plan</source>
        <translation>治理方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department&apos;s feedback</source>
        <translation>接收部门反馈</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New deadline</source>
        <translation>新整改期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed re-check opinion</source>
        <translation>已签名的整改复查意见书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No signed re-check opinion of this enterprise yet: issue and sign one on the Documents tab first.</source>
        <translation>该企业还没有已签名的整改复查意见书：请先在“文书”页开具并签名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transferred to</source>
        <translation>移送部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listing level</source>
        <translation>挂牌层级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listed by</source>
        <translation>督办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice number</source>
        <translation>督办通知书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listed on</source>
        <translation>挂牌日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add after-rectification photo…</source>
        <translation>添加整改后照片…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+14"/>
        <source>After-rectification photos</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{count} attached (closing needs at least one)</source>
        <translation>已附 {count} 张（销号至少需要一张）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images ({patterns})</source>
        <translation>图片（{patterns}）</translation>
    </message>
</context>
<context>
    <name>HazardBoardModel</name>
    <message>
        <location filename="../../app/ui/hazards/board_model.py" line="+22"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-checks</source>
        <translation>复查次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
</context>
<context>
    <name>HazardEditor</name>
    <message>
        <location filename="../../app/ui/inspection/hazard_editor.py" line="+207"/>
        <source>{message} (the saved value was restored)</source>
        <translation>{message}（已恢复为已保存的内容）</translation>
    </message>
</context>
<context>
    <name>HazardForm</name>
    <message>
        <location filename="../../app/ui/inspection/hazard_form.py" line="+75"/>
        <source>What was seen, in objective words</source>
        <translation>客观描述现场所见情况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 2F east, near exit B</source>
        <translation>如：2 楼东侧，B 出口附近</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Major hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>e.g. area cordoned off, equipment out of use, a person on watch</source>
        <translation>如：设置警戒区、停用设备、专人监护</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A major hazard needs interim controls until it is removed: fill them in.</source>
        <translation>重大隐患在消除前须采取临时管控措施，请填写。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rectified on site</source>
        <translation>当场整改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fixed while the inspectors watched: no deadline is set</source>
        <translation>在执法人员见证下当场整改完毕，不设整改期限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The tenant answers for its own premises; the landlord for common areas such as exits, fire lanes and hydrants.</source>
        <translation>承租方对其承租场所负责；出租方对安全出口、消防车道、消火栓等共用部位负责。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No photo of the hazard yet: add at least one (button, drop image files here, or Ctrl+V).</source>
        <translation>尚无隐患照片：请至少添加一张（按钮、拖入图片文件或 Ctrl+V 粘贴）。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>具体位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major hazard basis</source>
        <translation>重大隐患判定依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interim controls</source>
        <translation>临时管控措施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure required</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible party</source>
        <translation>整改责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazard photos</source>
        <translation>隐患照片</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>This hazard is {status} and can no longer be changed.</source>
        <translation>该隐患{status}，不能再修改。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Clause of the standard that makes it major</source>
        <translation>判定为重大隐患所依据的标准条款</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A failure of this item is a major accident hazard</source>
        <translation>此项不符合即构成重大事故隐患</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (basis: {major_basis})</source>
        <translation>（依据：{major_basis}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no deadline</source>
        <translation>无期限</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} (tenant, own premises)</source>
        <translation>{name}（承租方，自有场所）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} (landlord, common areas)</source>
        <translation>{name}（出租方，共用部位）</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <location filename="../../app/ui/hazards/hazards_page.py" line="+54"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due within {days} days</source>
        <translation>{days} 天内到期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step…</source>
        <translation>下一步…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re-inspect this enterprise…</source>
        <translation>复查该企业…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-check every hazard of the selected hazard&apos;s enterprise on site</source>
        <translation>到现场复查所选隐患所属企业的待复查隐患</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+3"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not closed</source>
        <translation>未销号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anyone</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{status} {count}</source>
        <translation>{status} {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} shown · {by_status}</source>
        <translation>显示 {count} 条 · {by_status}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Decide the extension request…</source>
        <translation>审批延期申请…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for a later deadline…</source>
        <translation>申请延期…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No step left: the hazard is closed</source>
        <translation>已销号，无后续处理</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>InspectionView</name>
    <message>
        <location filename="../../app/ui/inspection/inspection_view.py" line="+93"/>
        <source>Checklist</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Safety officer questioned</source>
        <translation>安全员必问</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Principal tested</source>
        <translation>负责人必考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workers asked</source>
        <translation>员工抽问</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Questions: {enterprise}</source>
        <translation>必问必考：{enterprise}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summary and completion</source>
        <translation>汇总与结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Body camera…</source>
        <translation>执法记录仪…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{judged} of {count} items judged</source>
        <translation>已检查 {judged}/{count} 项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>void</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <location filename="../../app/ui/inspection/inspections_page.py" line="+23"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mode</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items judged</source>
        <translation>已检查事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hazards</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>已被接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet sent</source>
        <translation>待上报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <location filename="../../app/ui/inspection/interview_page.py" line="+207"/>
        <source>Safety officer interview</source>
        <translation>安全员必问</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Safety officer: {name}</source>
        <translation>安全员：{name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Safety officer: not in the register</source>
        <translation>安全员：名录中未登记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{oral_count} oral questions and {task_count} on-site check(s), each rated 0, 1 or 2. Passed with at least {pass_total} of {max_total} points and no 0 on a critical question. Keys: 0/1/2 rate, Up/Down move.</source>
        <translation>问答题 {oral_count} 道、现场出示 {task_count} 项，每题按 0、1、2 分评分；总分不低于 {pass_total} 分（满分 {max_total} 分）且关键题不得 0 分为合格。键盘：0/1/2 评分，↑/↓ 切换题目。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Oral question</source>
        <translation>问答题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on site</source>
        <translation>现场出示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical: a 0 fails the interview</source>
        <translation>关键题：0 分即不合格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key points: {points}</source>
        <translation>要点：{points}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer / notes</source>
        <translation>答复/备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the safety officer said or showed (saved automatically)</source>
        <translation>安全员的回答或出示的材料（自动保存）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{points} point(s)</source>
        <translation>{points} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rated {rated} of {count}</source>
        <translation>已评 {rated}/{count} 题</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A critical question scored 0: the interview will fail.</source>
        <translation>关键题得 0 分，本次必问将判定为不合格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score {total}/{maximum} · {verdict}</source>
        <translation>得分 {total}/{maximum} · {verdict}</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <location filename="../../app/ui/documents/document_dialogs.py" line="+222"/>
        <source>Issue document</source>
        <translation>出具文书</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document type</source>
        <translation>文书类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue</source>
        <translation>出具</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../app/ui/inspection/item_panel.py" line="+68"/>
        <source>&amp;1 Compliant</source>
        <translation>符合(&amp;1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;2 Non-compliant</source>
        <translation>不符合(&amp;2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;3 Not applicable</source>
        <translation>不涉及(&amp;3)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Next item</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What was seen (required for non-compliant and not applicable)</source>
        <translation>检查情况说明（“不符合”“不涉及”必填）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Hazard</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>How to check: {guidance}</source>
        <translation>检查方法：{guidance}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basis: {basis}</source>
        <translation>依据：{basis}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A failure of this item is a major hazard.</source>
        <translation>此项不符合即构成重大事故隐患。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major hazard when: {condition}</source>
        <translation>构成重大隐患的情形：{condition}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Write what was seen; the verdict is saved as soon as the note is there.</source>
        <translation>请填写检查情况；填写后结论即自动保存。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This verdict needs a note; the previous note is kept.</source>
        <translation>该结论必须填写说明，已保留原说明。</translation>
    </message>
</context>
<context>
    <name>LandlordPicker</name>
    <message>
        <location filename="../../app/ui/registry/landlord_picker.py" line="+38"/>
        <source>Type to search landlords by name, credit code or address</source>
        <translation>输入名称、统一社会信用代码或地址搜索出租方</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Choose a registered landlord from the list</source>
        <translation>请从列表中选择已登记的出租方</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/qtapp.py" line="+76"/>
        <source>FieldSafe</source>
        <translation>现场安全检查</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="+95"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inspections</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>FieldSafe field safety inspection</source>
        <translation>FieldSafe 现场安全检查</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Hazards</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township week</source>
        <translation>镇街工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coverage</source>
        <translation>必到覆盖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+131"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device: {device}</source>
        <translation>本机：{device}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Unsynced changes: {count}</source>
        <translation>未同步变更：{count}</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicts: {count}</source>
        <translation>冲突：{count}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Inspection: {name}</source>
        <translation>检查：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re-inspection: {name}</source>
        <translation>复查：{name}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Dossier: {name}</source>
        <translation>档案：{name}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import enterprise register…</source>
        <translation>导入企业名录(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export enterprise register…</source>
        <translation>导出企业名录(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integrity &amp;check</source>
        <translation>完整性检查(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export sync bundle…</source>
        <translation>导出同步包(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import sync bundles…</source>
        <translation>导入同步包(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write &amp;receipt…</source>
        <translation>出具回执(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Conflicts</source>
        <translation>冲突(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import enterprise register</source>
        <translation>导入企业名录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Importing the enterprise register…</source>
        <translation>正在导入企业名录…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export enterprise register</source>
        <translation>导出企业名录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting the enterprise register…</source>
        <translation>正在导出企业名录…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %n enterprise(s)</source>
        <translation>
            <numerusform>已导出 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>About FieldSafe</source>
        <translation>关于 FieldSafe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FieldSafe {version}
Offline field safety inspection for multi-tenant factories.</source>
        <translation>FieldSafe {version}
面向“厂中厂”和小微园区的离线现场安全检查。</translation>
    </message>
</context>
<context>
    <name>MergeEnterprisesDialog</name>
    <message>
        <location filename="../../app/ui/registry/merge_dialog.py" line="+36"/>
        <source>Merge into one enterprise</source>
        <translation>合并为同一企业</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{first}” and “{second}”</source>
        <translation>“{first}”和“{second}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Are {named} the same firm? Choose the record to keep.</source>
        <translation>{named} 是同一家企业吗？请选择保留的记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The other record leaves the enterprise lists and points to the one kept. Its inspections, hazards and documents are not changed (signed documents stay as signed) and show in the kept record&apos;s dossier.</source>
        <translation>另一条记录将不再出现在企业列表中，并指向保留的记录。它的检查、隐患和文书不作改动（已签名文书保持原样），并在保留记录的档案中显示。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../app/ui/ops.py" line="+240"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../app/ui/widgets/pdf_preview.py" line="+203"/>
        <source>Rendering…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The document cannot be shown: {error}</source>
        <translation>文书无法显示：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No document</source>
        <translation>无文书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page {page} / {count}</source>
        <translation>第 {page} / {count} 页</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../app/ui/widgets/photo_strip.py" line="+152"/>
        <location line="+8"/>
        <source>Taken {taken_at}</source>
        <translation>拍摄 {taken_at}</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Added {added_at}</source>
        <translation>添加 {added_at}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Photo not available</source>
        <translation>照片文件缺失</translation>
    </message>
</context>
<context>
    <name>PhotoPreview</name>
    <message>
        <location line="+413"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Taken {taken_at}</source>
        <translation>拍摄 {taken_at}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added {added_at}</source>
        <translation>添加 {added_at}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location line="-384"/>
        <location line="+287"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location line="-284"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste an image from the clipboard (Ctrl+V)</source>
        <translation>粘贴剪贴板中的图片（Ctrl+V）</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Give the verdict first, then photos can be added</source>
        <translation>先给出结论或填写说明后可添加照片</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photo(s).</source>
        <translation>
            <numerusform>%n 张照片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n photo(s). Drop image files here or paste with Ctrl+V; right-click a photo to remove it.</source>
        <translation>
            <numerusform>%n 张照片。可将图片拖到此处或按 Ctrl+V 粘贴；右键单击照片可移除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No photos yet. Add them with the button, drop image files here, or paste with Ctrl+V.</source>
        <translation>尚无照片。可用按钮添加、将图片拖到此处或按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Images ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Open</source>
        <translation>查看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove photo…</source>
        <translation>移除照片…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paste image</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this photo from the record?</source>
        <translation>从记录中移除这张照片？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The removal is logged and the original file stays in the evidence store.</source>
        <translation>移除操作会被记录，原始文件仍保留在证据库中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message>
        <location filename="../../app/ui/inspection/quiz_page.py" line="+132"/>
        <source>Principal test</source>
        <translation>负责人必考</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full name of the person taking the test</source>
        <translation>应考人姓名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start the test</source>
        <translation>开始答题</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Examinee</source>
        <translation>应考人</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Previous</source>
        <translation>上一题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+303"/>
        <location line="+6"/>
        <source>Hand in</source>
        <translation>交卷</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>Test result</source>
        <translation>考试结果</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Take the test again</source>
        <translation>重新考试</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Please hand the computer to the principal. The test has {count} questions worth {points} points each; {pass_mark} points or more pass.</source>
        <translation>请将电脑交给主要负责人作答。共 {count} 题，每题 {points} 分，{pass_mark} 分及以上为合格。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earlier attempts in this inspection:
{attempts}</source>
        <translation>本次检查中的历次考试：
{attempts}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Examinee: {examinee}</source>
        <translation>应考人：{examinee}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question {number} of {count}</source>
        <translation>第 {number} 题 / 共 {count} 题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Single choice</source>
        <translation>单选题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiple choice: select every correct answer</source>
        <translation>多选题：选出全部正确答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>True or false</source>
        <translation>判断题</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keys: A–{last_key} or 1–{count} choose, Enter next question</source>
        <translation>按 A–{last_key} 或 1–{count} 选择，回车进入下一题</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+160"/>
        <source>True</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+159"/>
        <source>False</source>
        <translation>错误</translation>
    </message>
    <message numerus="yes">
        <location line="-72"/>
        <source>%n question(s) not answered yet. Hand in anyway?</source>
        <translation>
            <numerusform>还有 %n 道题未作答，确定交卷吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep answering</source>
        <translation>继续答题</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Examinee: {examinee}    Handed in: {finished}</source>
        <translation>应考人：{examinee}    交卷时间：{finished}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{score} / {max_score} points</source>
        <translation>{score} / {max_score} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pass mark: {pass_mark} points</source>
        <translation>合格线：{pass_mark} 分</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Wrong or unanswered: %n question(s). Explain the correct answers:</source>
        <translation>
            <numerusform>答错或未答 %n 题，请向应考人讲解正确答案：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every answer is correct.</source>
        <translation>全部答对。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Answer given</source>
        <translation>所答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct answer</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explanation</source>
        <translation>解析</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>RecheckLine</name>
    <message>
        <location filename="../../app/ui/inspection/recheck_line.py" line="+44"/>
        <source>{n}. [{grade}] {description}</source>
        <translation>{n}. 【{grade}】{description}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What the officers saw (printed in the opinion)</source>
        <translation>复查所见（印在复查意见书上）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Result</source>
        <translation>复查结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After-rectification photos</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then</source>
        <translation>后续处理</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deadline {date}</source>
        <translation>整改期限 {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>re-checked {count} time(s) before</source>
        <translation>此前已复查 {count} 次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>measure ordered: {measure}</source>
        <translation>整改措施：{measure}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the enterprise reports: {evidence}</source>
        <translation>企业报告：{evidence}</translation>
    </message>
</context>
<context>
    <name>RecheckView</name>
    <message>
        <location filename="../../app/ui/inspection/recheck_view.py" line="+56"/>
        <source>Finish re-inspection</source>
        <translation>完成复查</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&lt;b&gt;Re-inspection of {enterprise}&lt;/b&gt;&#x3000;started {started}&#x3000;inspectors {team}&#x3000;{status}</source>
        <translation>&lt;b&gt;复查：{enterprise}&lt;/b&gt;&#x3000;开始于 {started}&#x3000;执法人员 {team}&#x3000;{status}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>… and {count} more</source>
        <translation>……另有 {count} 项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-check opinion: not issued yet</source>
        <translation>整改复查意见书：尚未出具</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-check opinion {doc_no}: {status}</source>
        <translation>整改复查意见书 {doc_no}：{status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update the opinion draft</source>
        <translation>更新意见书草稿</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issue re-check opinion</source>
        <translation>出具整改复查意见书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign the re-check opinion on the Documents tab first</source>
        <translation>请先在“文书”页签署整改复查意见书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Issuing the document…</source>
        <translation>正在出具文书…</translation>
    </message>
</context>
<context>
    <name>RegistryModel</name>
    <message>
        <location filename="../../app/ui/registry/registry_model.py" line="+17"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park / landlord</source>
        <translation>园区/出租方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenants</source>
        <translation>承租方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal</source>
        <translation>主要负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../app/ui/registry/registry_page.py" line="+50"/>
        <source>Search name, credit code or address</source>
        <translation>搜索名称、统一社会信用代码或地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New enterprise…</source>
        <translation>新增企业…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open dossier</source>
        <translation>企业档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start inspection…</source>
        <translation>开始检查…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge into one enterprise…</source>
        <translation>合并为同一企业…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select two records of the same firm (Ctrl+click) to merge them</source>
        <translation>选择同一企业的两条记录（按住 Ctrl 点击）以合并</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enterprise details</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tenants</source>
        <translation>承租方</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n enterprise(s)</source>
        <translation>
            <numerusform>共 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No enterprise selected</source>
        <translation>未选择企业</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park</source>
        <translation>所属园区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landlord</source>
        <translation>出租方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal</source>
        <translation>主要负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety officer</source>
        <translation>安全员</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Tenants (%n)</source>
        <translation>
            <numerusform>承租方（%n 家）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../app/ui/backups.py" line="-92"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{made} — {reason}, {size} MB</source>
        <translation>{made} — {reason}，{size} MB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (damaged copy)</source>
        <translation>（损坏文件的副本）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database now in use is saved as a backup of its own before it is replaced; the window closes and opens again on the restored database.</source>
        <translation>当前使用的数据库会先另存为一个备份，再被替换；窗口将关闭，并在恢复后的数据库上重新打开。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backups, newest first:</source>
        <translation>备份（最新的在前）：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
</context>
<context>
    <name>ResumeBar</name>
    <message>
        <location filename="../../app/ui/inspection/resume_bar.py" line="+21"/>
        <source>Resume inspection</source>
        <translation>继续检查</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unfinished inspection: {enterprise}, started {started}.</source>
        <translation>有未完成的检查：{enterprise}，开始于 {started}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>({count} more in the Inspections list)</source>
        <translation>（另有 {count} 个，见“检查”列表）</translation>
    </message>
</context>
<context>
    <name>ServeDialog</name>
    <message>
        <location filename="../../app/ui/documents/document_dialogs.py" line="-72"/>
        <source>Record service</source>
        <translation>登记送达</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Served on</source>
        <translation>送达日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>受送达人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record as served</source>
        <translation>登记送达</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Required: the person who refused, and the witness</source>
        <translation>必填：拒收人及见证人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required: the person who received it</source>
        <translation>必填：签收人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: recipient, address or account</source>
        <translation>选填：受送达人、地址或账号</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="+43"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(not chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I am</source>
        <translation>当前执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Language and data folder take effect when FieldSafe is started again.</source>
        <translation>界面语言和数据目录在重新启动 FieldSafe 后生效。</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../app/ui/documents/document_dialogs.py" line="-167"/>
        <source>Sign document</source>
        <translation>签名文书</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>签名地点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No signing certificate</source>
        <translation>没有签名证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a personal signing certificate on this computer, protected by the passphrase you typed?</source>
        <translation>是否在本机创建个人签名证书，并用刚输入的口令保护？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create personal signing certificate</source>
        <translation>创建个人签名证书</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Creating the signing certificate…</source>
        <translation>正在创建签名证书…</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../app/ui/widgets/signature_pad.py" line="+448"/>
        <source>Full name of the person signing</source>
        <translation>签名人姓名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signer&apos;s name</source>
        <translation>签名人</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What happened, e.g. the principal was present and refused to sign; recorded by body camera</source>
        <translation>情况说明，如：负责人在场但拒绝签字，已用执法记录仪录像</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Optional: name (and unit) of a witness who saw the refusal</source>
        <translation>可选：见证人姓名（及单位）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The refusal is recorded with the time, your statement and the witness, and noted on the record.</source>
        <translation>拒签将连同时间、说明和见证人一并记录，并在检查记录中注明。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Refusal (required)</source>
        <translation>拒签情况（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+45"/>
        <source>Refuse to sign…</source>
        <translation>拒绝签名…</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+38"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Signature — {who}</source>
        <translation>签名 — {who}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back to signing</source>
        <translation>返回签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record refusal</source>
        <translation>记录拒签</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the signer&apos;s name.</source>
        <translation>请填写签名人姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Describe the refusal to record it.</source>
        <translation>请填写拒签情况后再记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature area is empty: sign above to enable OK.</source>
        <translation>签名区为空：请在上方签名后再确定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signed. Check the signature, then press OK (Clear to sign again).</source>
        <translation>已签名。请核对后按“确定”（按“清除”重签）。</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location line="-417"/>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign with the mouse, a pen or a finger. Delete clears.</source>
        <translation>可用鼠标、手写笔或手指签名，按 Delete 清除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse, pen or finger · Delete clears</source>
        <translation>鼠标、手写笔或手指 · Delete 清除</translation>
    </message>
</context>
<context>
    <name>Signatures</name>
    <message>
        <location line="-77"/>
        <source>Inspector</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-site lead</source>
        <translation>现场负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert</source>
        <translation>检查专家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Examinee</source>
        <translation>应考人</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../app/ui/inspection/signatures_panel.py" line="+112"/>
        <source>Add witness or expert…</source>
        <translation>添加见证人或专家…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Witness signature…</source>
        <translation>见证人签名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert signature…</source>
        <translation>专家签名…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The inspection is completed; its signatures are locked.</source>
        <translation>检查已结束，签名已锁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everyone required has signed (or refused).</source>
        <translation>应签人员均已签名（或拒签）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{done} of {total} required signatures collected.</source>
        <translation>已签 {done}/{total} 人。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name not on file</source>
        <translation>姓名未登记</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On-site lead signs instead…</source>
        <translation>改由现场负责人签名…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused to sign</source>
        <translation>拒绝签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused: {reason}</source>
        <translation>拒签：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(witness: {witness})</source>
        <translation>（见证人：{witness}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Signed {when}</source>
        <translation>已签名 {when}</translation>
    </message>
</context>
<context>
    <name>StarsTab</name>
    <message>
        <location filename="../../app/ui/registry/stars_tab.py" line="+30"/>
        <source>Star</source>
        <translation>星级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Constructed rules (resources/coverage/stars.toml): the official star rules were not found. A star is lit when all its checks hold over the window.</source>
        <translation>构建版规则（resources/coverage/stars.toml）：未取得官方亮星规则。评价期内各项条件均满足时亮星。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{lit} of {total} stars lit ({rated} rated) since {since}</source>
        <translation>自 {since} 起，共 {total} 颗中亮 {lit} 颗（已评定 {rated} 颗）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lit</source>
        <translation>亮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not lit</source>
        <translation>未亮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not rated</source>
        <translation>未评定</translation>
    </message>
</context>
<context>
    <name>StartInspectionDialog</name>
    <message>
        <location filename="../../app/ui/inspection/inspection_start.py" line="+38"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. campaign against hazards in multi-tenant factories</source>
        <translation>如：“厂中厂”安全隐患专项检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Body camera file or device number (optional)</source>
        <translation>执法记录仪编号或视频文件号（可选）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enterprise</source>
        <translation>检查对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>检查目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body camera</source>
        <translation>执法记录仪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tenants visited on this trip</source>
        <translation>同时检查的承租方</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose at least {minimum} inspectors ({chosen} chosen): inspections are made by two officers.</source>
        <translation>请至少选择 {minimum} 名执法人员（已选 {chosen} 名）：检查须由两名以上执法人员进行。</translation>
    </message>
</context>
<context>
    <name>StartRecheckDialog</name>
    <message>
        <location filename="../../app/ui/inspection/recheck_start.py" line="+23"/>
        <source>Start re-inspection</source>
        <translation>开始复查</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazards to re-check</source>
        <translation>待复查隐患</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>deadline {date}</source>
        <translation>整改期限 {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The enterprise has no hazard to re-check.</source>
        <translation>该企业没有待复查的隐患。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least {minimum} inspectors ({chosen} chosen).</source>
        <translation>请至少选择 {minimum} 名执法人员（已选 {chosen} 名）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the hazards to re-check.</source>
        <translation>请勾选要复查的隐患。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../app/ui/statistics/statistics_page.py" line="+63"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By township</source>
        <translation>按镇街</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export PDF report…</source>
        <translation>导出 PDF 报告…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>Enterprises inspected</source>
        <translation>检查企业数</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <location line="+73"/>
        <source>Hazards found</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+9"/>
        <source>Major</source>
        <translation>其中重大隐患</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <location line="+72"/>
        <source>Closed</source>
        <translation>销号隐患</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+8"/>
        <source>Went overdue</source>
        <translation>新增逾期</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+7"/>
        <location line="+72"/>
        <source>Rectification rate</source>
        <translation>整改率</translation>
    </message>
    <message>
        <location line="-78"/>
        <location line="+7"/>
        <source>Documents issued</source>
        <translation>出具文书</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Ordered to stop</source>
        <translation>责令停产停业企业</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectification orders</source>
        <translation>责令整改指令书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On-site measures decisions</source>
        <translation>现场处理措施决定书</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>All townships</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing recorded from {start} to {end}.</source>
        <translation>{start} 至 {end} 没有记录。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Inspection figures {start} to {end}</source>
        <translation>{start} 至 {end} 检查统计</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export PDF report</source>
        <translation>导出 PDF 报告</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../app/ui/inspection/summary_panel.py" line="+53"/>
        <source>Complete inspection</source>
        <translation>结束检查</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Hazards found</source>
        <translation>发现的隐患</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items without a verdict (double-click to open)</source>
        <translation>未给出结论的事项（双击打开）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not yet signed: {names}</source>
        <translation>尚未签名：{names}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Items judged: {judged} of {total} — compliant {compliant}, non-compliant {noncompliant}, not applicable {not_applicable}.</source>
        <translation>已检查 {judged}/{total} 项：符合 {compliant}，不符合 {noncompliant}，不涉及 {not_applicable}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>interview not finished</source>
        <translation>必问未完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interview {total}/{max_total} {verdict}</source>
        <translation>必问 {total}/{max_total} 分 {verdict}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+7"/>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>no quiz yet</source>
        <translation>尚未考试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>quiz {score} {verdict}</source>
        <translation>考试 {score} 分 {verdict}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no workers asked</source>
        <translation>未抽问员工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awareness {rate}%</source>
        <translation>知晓率 {rate}%</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>fixed on site</source>
        <translation>当场整改</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This inspection is completed.</source>
        <translation>本次检查已结束。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="+104"/>
        <source>The public key, for enrolling this device by hand (command line)</source>
        <translation>公钥，用于手工登记本设备（命令行）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+93"/>
        <location line="+3"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Public key</source>
        <translation>公钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet received</source>
        <translation>尚未接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+90"/>
        <source>Acknowledged</source>
        <translation>已被接收</translation>
    </message>
    <message>
        <location line="-89"/>
        <location filename="../../app/ui/sync/words.py" line="+44"/>
        <source>This device</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/words.py" line="+23"/>
        <source>Imported before; nothing changed</source>
        <translation>以前已导入，未作改动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The receiver confirmed %n bundle(s) of this device</source>
        <translation>对方已确认接收本机 %n 个同步包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%n new conflict(s)</source>
        <translation>新增冲突 %n 条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%n certificate root(s) installed</source>
        <translation>已安装根证书 %n 个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sender&apos;s clock is off by about {hours} h</source>
        <translation>发出设备时钟偏差约 {hours} 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Receipt for %n bundle(s)</source>
        <translation>回执：%n 个同步包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt: %n bundle(s) of this device accepted</source>
        <translation>回执：本机 %n 个同步包已被接收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{changes} change(s), {files} file(s)</source>
        <translation>变更 {changes} 条，文件 {files} 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{new} new, {known} known, {conflicts} conflict(s)</source>
        <translation>新 {new} 条，已有 {known} 条，冲突 {conflicts} 条</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="+4"/>
        <source>What the receiver has not acknowledged</source>
        <translation>对方尚未确认接收的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export bundle…</source>
        <translation>导出同步包…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import bundles…</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept clock skew</source>
        <translation>接受时钟偏差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import bundles stamped further ahead of this computer&apos;s clock than allowed (check both clocks first); this computer&apos;s clock is not moved forward by them</source>
        <translation>导入时间比本机时钟超前超过允许范围的同步包（请先核对两台电脑的时钟）；本机时钟不会因此被拨快</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write receipt…</source>
        <translation>出具回执…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A signed receipt naming every bundle imported from the chosen device; take it back to that device and import it there</source>
        <translation>为所选设备出具签名回执，列出已从该设备导入的全部同步包；带回该设备导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>for</source>
        <translation>给</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exchange through a folder (USB stick)</source>
        <translation>通过文件夹（U 盘）交换</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No import in this session yet.</source>
        <translation>本次尚未导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sender</source>
        <translation>发出方</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Known</source>
        <translation>已有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting</source>
        <translation>待补全</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke…</source>
        <translation>注销…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse every further bundle from the selected device</source>
        <translation>今后拒绝所选设备的全部同步包</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bundles are accepted only from enrolled devices.</source>
        <translation>只接受已登记设备的同步包。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n change(s) waiting for the receiver to acknowledge them</source>
        <translation>
            <numerusform>%n 条变更待对方确认接收</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>up to {until}</source>
        <translation>截至 {until}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing acknowledged yet</source>
        <translation>尚无已确认接收的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receiver: {device}</source>
        <translation>接收方：{device}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No receiver yet: the first bundle holds everything</source>
        <translation>尚无接收方：第一个同步包包含全部内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bundles exchanged ({count})</source>
        <translation>已交换的同步包（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled devices ({count})</source>
        <translation>已登记设备（{count}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Received from</source>
        <translation>收自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent to</source>
        <translation>发往</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any receiver</source>
        <translation>任意接收方</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bundle {bundle_id}</source>
        <translation>同步包 {bundle_id}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> (this device)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cancelling after the current file…</source>
        <translation>当前文件完成后取消…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Export bundle to folder</source>
        <translation>导出同步包到文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported {entries} change(s) and {blobs} file(s) ({size} MB) to {path}</source>
        <translation>已导出变更 {entries} 条、文件 {blobs} 个（{size} MB）到 {path}</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n referenced file(s) are missing on this computer and were not included</source>
        <translation>
            <numerusform>本机缺少 %n 个被引用的文件，未能放入同步包</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import sync bundles</source>
        <translation>导入同步包</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>正在导入 %n 个文件…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Enrolling and importing %n file(s)…</source>
        <translation>
            <numerusform>正在登记设备并导入 %n 个文件…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n file(s):</source>
        <translation>
            <numerusform>%n 个文件：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n imported</source>
        <translation>
            <numerusform>已导入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n receipt(s) applied</source>
        <translation>
            <numerusform>已处理回执 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already imported</source>
        <translation>
            <numerusform>以前已导入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n refused</source>
        <translation>
            <numerusform>已拒绝 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>; %n new change(s)</source>
        <translation>
            <numerusform>；新变更 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; %n conflict(s) to settle on the Conflicts tab</source>
        <translation>
            <numerusform>；请到“冲突”页处理 %n 条冲突</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (cancelled: the remaining files were not imported)</source>
        <translation>（已取消：其余文件未导入）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Write receipt to folder</source>
        <translation>回执保存到文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing the receipt…</source>
        <translation>正在出具回执…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt written: {path}. Import it on the sending device.</source>
        <translation>回执已生成：{path}。请在发出同步包的设备上导入。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Revoke device</source>
        <translation>注销设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke {device}? Its bundles will be refused from now on; the revocation travels to other devices with the next bundle.</source>
        <translation>注销 {device}？今后将拒绝其同步包；注销信息会随下一个同步包传到其他设备。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoke</source>
        <translation>注销</translation>
    </message>
</context>
<context>
    <name>TownshipDayPage</name>
    <message>
        <location filename="../../app/ui/hazards/township_day.py" line="+59"/>
        <source>All townships</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch print rectification orders…</source>
        <translation>批量打印整改指令书…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issue missing rectification orders…</source>
        <translation>批量生成整改指令书…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Document number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Overdue: {count}</source>
        <translation>已逾期：{count} 条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported rectified, to re-inspect: {count}</source>
        <translation>已报整改完成、待复查：{count} 条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline within {days} days: {count}</source>
        <translation>{days} 天内到期：{count} 条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed, to serve: {count}</source>
        <translation>已签名待送达：{count} 份</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Issue rectification orders</source>
        <translation>生成整改指令书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every open hazard here already has a rectification order.</source>
        <translation>此处所有整改中的隐患均已有整改指令书。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{orders} visit(s) of {enterprises} enterprise(s) have {hazards} open hazard(s) without a rectification order. Issue the orders now, as drafts to print and sign?</source>
        <translation>{enterprises} 家企业的 {orders} 次检查共有 {hazards} 项整改中的隐患尚无整改指令书。现在生成指令书草稿，以便打印和签字？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Issuing rectification orders…</source>
        <translation>正在生成整改指令书…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n rectification order(s) issued as drafts</source>
        <translation>
            <numerusform>已生成 %n 份整改指令书（草稿）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../app/ui/documents/document_dialogs.py" line="+25"/>
        <source>Void document</source>
        <translation>作废文书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for voiding</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../app/ui/widgets/dialogs.py" line="+12"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
</TS>
