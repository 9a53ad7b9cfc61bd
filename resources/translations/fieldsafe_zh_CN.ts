<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>InspectionsPage</name>
    <message>
        <location filename="../../app/ui/inspections_page.py" line="+17"/>
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
        <location line="+14"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/qtapp.py" line="+75"/>
        <source>FieldSafe</source>
        <translation>现场安全检查</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="+29"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspections</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>FieldSafe field safety inspection</source>
        <translation>FieldSafe 现场安全检查</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data folder: %1    Device: %2</source>
        <translation>数据目录：%1    本机标识：%2</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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
        <location line="+9"/>
        <source>Import enterprise register</source>
        <translation>导入企业名录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export enterprise register</source>
        <translation>导出企业名录</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Exported %n enterprise(s)</source>
        <translation>
            <numerusform>已导出 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About FieldSafe</source>
        <translation>关于 FieldSafe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FieldSafe %1
Offline field safety inspection for multi-tenant factories.</source>
        <translation>FieldSafe %1
面向“厂中厂”和小微园区的离线现场安全检查。</translation>
    </message>
</context>
<context>
    <name>RegistryModel</name>
    <message>
        <location filename="../../app/ui/registry_model.py" line="+33"/>
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
        <location filename="../../app/ui/registry_page.py" line="+58"/>
        <source>Search name, credit code or address</source>
        <translation>搜索名称、统一社会信用代码或地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enterprise details</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tenants</source>
        <translation>承租方</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n enterprise(s)</source>
        <translation>
            <numerusform>共 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <location line="+41"/>
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
    <name>parent</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="+12"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
</TS>
