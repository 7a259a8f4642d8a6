<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplyPage</name>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="22"/>
        <source>取消导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="26"/>
        <source>在台账中查看导入的事项(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="74"/>
        <source>已导入“{0}”：新增 {1} 项，更新 {2} 项，{3} 项不变，跳过 {4} 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="81"/>
        <source>新建单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="83"/>
        <source>导入前的台账已备份到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="86"/>
        <source>导入完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="92"/>
        <source>导入没有进行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="94"/>
        <source>已取消导入，台账未作任何改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="96"/>
        <source>导入没有完成，台账未作任何改动：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="111"/>
        <source>导入：{0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="43"/>
        <source>备份与恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="50"/>
        <source>备份时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="50"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="50"/>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="51"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="61"/>
        <source>立即备份(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="62"/>
        <source>导出备份到U盘/其他位置(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="63"/>
        <source>从所选备份恢复(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="64"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="80"/>
        <source>程序每天自动备份，导入和升级前也会自动备份；备份保存在：{0}。旧的自动备份按“近一周每天、近五周每周、近一年每月”保留。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="102"/>
        <source>共 {0} 个备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="110"/>
        <source>已备份到：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="115"/>
        <source>导出备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="116"/>
        <source>台账备份 (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="118"/>
        <source>已导出到：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="126"/>
        <source>从备份恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="130"/>
        <source>用 {0} 的备份替换当前台账？
此后录入的内容将不在恢复后的台账中；当前台账文件会先另存一份，不会丢失。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="137"/>
        <source>正在备份，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="31"/>
        <source>连接数据库服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="38"/>
        <source>在本机记住密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="42"/>
        <source>测试连接(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="45"/>
        <source>服务器地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="46"/>
        <source>端口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="47"/>
        <source>数据库名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="48"/>
        <source>数据库用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="49"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection_dialog.py" line="53"/>
        <source>连接</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="108"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="119"/>
        <source>全部清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="120"/>
        <source>全部单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="124"/>
        <source>期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="124"/>
        <source>清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="127"/>
        <source>牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="150"/>
        <source>正在统计……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="154"/>
        <source>统计失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="161"/>
        <source>{0} · {1} · 数据截至 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="180"/>
        <source>统计：{0}（{1}，截至 {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="201"/>
        <source>{0}牵头的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="243"/>
        <source>点击某个单位的条形，在台账中查看其事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="264"/>
        <source>在台账中查看全部 {0} 项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecideExtensionDialog</name>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="95"/>
        <source>审批延期 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="96"/>
        <source>批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="97"/>
        <source>不批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="101"/>
        <source>申请时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="102"/>
        <source>完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="105"/>
        <source>申请理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="106"/>
        <source>审批意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="108"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="115"/>
        <source>不批准延期必须写明理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <location filename="../../ui/edit_history.py" line="101"/>
        <source>撤销修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/edit_history.py" line="104"/>
        <source>重做修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditItemDialog</name>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="68"/>
        <source>修改基本信息 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="80"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="143"/>
        <source>对方的修改：
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="143"/>
        <source>（基本信息未变，办理状态有变化）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="145"/>
        <source>

您的修改：
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="150"/>
        <source>已载入对方修改后的内容。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="140"/>
        <source>调整督办级别 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="147"/>
        <source>现督办级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="148"/>
        <source>调整为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="149"/>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="157"/>
        <source>调整督办级别必须填写理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <location filename="../../ui/excel_actions.py" line="46"/>
        <source>导入清单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="47"/>
        <source>导入单位填报包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="48"/>
        <source>导出台账…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="49"/>
        <source>导出单位填报包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="92"/>
        <source>选择单位发回的填报包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="93"/>
        <source>填报包 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="115"/>
        <source>已导出 {0} 项：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="126"/>
        <source>填报包已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="127"/>
        <source>共导出 {0} 个单位的填报包：
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="44"/>
        <source>导出台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="49"/>
        <source>（{0} 项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="51"/>
        <source>全部事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="52"/>
        <source>一个清单：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="82"/>
        <source>导出哪些事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="83"/>
        <source>导出哪些列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="84"/>
        <source>格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="85"/>
        <source>表格标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="86"/>
        <source>保存到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="89"/>
        <source>导出(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="108"/>
        <source>导出到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="123"/>
        <source>请选择保存位置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="127"/>
        <source>请至少选择一列。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="140"/>
        <source>正在导出台账…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="59"/>
        <source>申请延期 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="66"/>
        <source>现完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="67"/>
        <source>延期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="68"/>
        <source>延期理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="71"/>
        <source>提交申请</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervision_dialogs.py" line="74"/>
        <source>请说明延期理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="32"/>
        <source>尚未选择文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="42"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="43"/>
        <source>工作表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="44"/>
        <source>导入到清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="45"/>
        <source>清单年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="51"/>
        <source>选择清单表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="74"/>
        <source>已有清单，表格中的事项将与清单中的事项逐项比对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="76"/>
        <source>新清单，导入时新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="77"/>
        <source>清单“{0}”：{1}。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="61"/>
        <source>搜索编号、名称、内容、单位、责任人（Ctrl+F）</source>
        <extracomment>The combo boxes a saved filter remembers, by key: their current data is what is saved.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="63"/>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="69"/>
        <source>只看逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="74"/>
        <source>全部督办级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="77"/>
        <source>完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="91"/>
        <source>全部清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="92"/>
        <source>全部单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="93"/>
        <source>全部领域</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/filter_bar.py" line="107"/>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard/wizard.py" line="53"/>
        <source>导入清单</source>
        <extracomment>What a new file starts with; the pages fill these in as the clerk chooses.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="93"/>
        <source>基本</source>
        <extracomment>Tabs of dated records: title and the history kinds each shows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="94"/>
        <source>基本信息与全部办理记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="102"/>
        <source>文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="102"/>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="102"/>
        <source>上传时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="102"/>
        <source>上传人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="105"/>
        <source>添加…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="106"/>
        <source>打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="107"/>
        <source>复制哈希值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="114"/>
        <source>佐证材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="116"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="116"/>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="116"/>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="117"/>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/item_panel.py" line="119"/>
        <source>操作日志（审计记录）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="64"/>
        <source>点击在台账中查看这些事项</source>
        <extracomment>(fill, text) per status value. Rows shown per warning list here; the ledger (one click away) holds them all.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayoutPage</name>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="47"/>
        <source>表头从第</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="49"/>
        <source>行到第</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="51"/>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="80"/>
        <source>表头在第 {0} 行，读到 {1} 个事项行，跳过 {2} 行。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../../ui/pages/ledger_page.py" line="65"/>
        <source>显示全部</source>
        <extracomment>Column widths in Chinese characters (others 6): wide enough to read, no fitting pass.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ledger_page.py" line="105"/>
        <source>复制选中行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="29"/>
        <source>清单名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="30"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="31"/>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="32"/>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="33"/>
        <source>已销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="34"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="38"/>
        <source>新建清单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists_page.py" line="40"/>
        <source>在台账中查看</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="22"/>
        <source>登录 — 实事台账</source>
        <extracomment>How a message that stops the user (bad input, a failed step) is coloured.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="27"/>
        <source>台账：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="28"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="29"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="32"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="39"/>
        <source>请输入用户名。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="69"/>
        <source>实事台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91"/>
        <source>事项详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>显示 {0} 项（共 {2} 项），其中逾期 {1} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="495"/>
        <source>实事台账 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="496"/>
        <source>数据库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>台账(&amp;L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="79"/>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>统计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>单位与人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87"/>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>连接数据库服务器…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>打开台账文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>新建台账文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>登记新事项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>查看(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>设置(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>备份与恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>常用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>清单：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>没有能打开此文件的程序：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>已登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="347"/>
        <source>已保存：{0}（Ctrl+Z 撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="378"/>
        <source>已{0}：{1}，当前状态：{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397"/>
        <source>请填写“{0}”的理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>请填写完成情况：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="463"/>
        <source>已恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="464"/>
        <source>台账已从备份恢复。原台账文件另存为：
{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="26"/>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="26"/>
        <source>表头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="26"/>
        <source>第一个事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="27"/>
        <source>导入为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="74"/>
        <source>已按上次为同样表头确认的对应关系填好。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="76"/>
        <source>不导入的列：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="37"/>
        <source>登记新事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="47"/>
        <source>长期坚持（没有完成时限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="51"/>
        <source>清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="52"/>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="53"/>
        <source>事项名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="54"/>
        <source>牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="55"/>
        <source>完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_item_dialog.py" line="57"/>
        <source>领域</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="31"/>
        <source>导出单位填报包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="39"/>
        <source>{0}（{1} 项待填报）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="49"/>
        <source>全选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="50"/>
        <source>全不选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="58"/>
        <source>全部清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="68"/>
        <source>每个单位一个表格，含该单位牵头、尚未办结的事项；单位离线填好后发回，用“导入单位填报包”收回。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="70"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="72"/>
        <source>清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="73"/>
        <source>保存到文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="75"/>
        <source>导出(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="92"/>
        <source>填报包保存到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="99"/>
        <source>请至少选择一个单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="102"/>
        <source>请选择保存的文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialog.py" line="107"/>
        <source>正在导出填报包…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/import_wizard/wizard.py" line="144"/>
        <source>正在分析表格…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../ui/pages/people_page.py" line="44"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="44"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="45"/>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="45"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="48"/>
        <source>登录名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="49"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="50"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="51"/>
        <source>所属单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="52"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="78"/>
        <source>登录账号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="93"/>
        <source>开始导入(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="96"/>
        <location filename="../../ui/import_wizard/preview_page.py" line="98"/>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="96"/>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="96"/>
        <source>表头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="96"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="98"/>
        <source>跳过原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="101"/>
        <source>表格中的单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="101"/>
        <source>对应名录中的单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="152"/>
        <source>问题（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="154"/>
        <source>新单位（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="193"/>
        <source>新建单位名录中没有的 {0} 个单位：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="206"/>
        <source>将新增 {0} 项，更新 {1} 项，{2} 项不变；跳过 {3} 行；发现 {4} 个问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="214"/>
        <source>表格与台账一致，没有需要写入的变化。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../ui/dialogs/progress_dialog.py" line="29"/>
        <source>报送进展 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress_dialog.py" line="34"/>
        <source>进展情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress_dialog.py" line="35"/>
        <source>完成百分比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress_dialog.py" line="36"/>
        <source>存在问题</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="41"/>
        <source>导入单位填报包 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="55"/>
        <source>填报包：{0}，导出于 {1}。将更新 {2} 项，冲突 {3} 项，无变化 {4} 项，有问题 {5} 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="68"/>
        <source>写入台账(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="76"/>
        <source>“{0}”还没有承办单位账号，无法以该单位的名义写入。请先在“单位与人员”中添加。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="81"/>
        <source>以哪个单位账号写入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="106"/>
        <source>采用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="143"/>
        <source>已写入 {0} 项，未写入 {1} 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="147"/>
        <source>写入前的台账已备份到：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedFilterButton</name>
    <message>
        <location filename="../../ui/saved_filters.py" line="42"/>
        <location filename="../../ui/saved_filters.py" line="79"/>
        <source>常用筛选</source>
        <extracomment>(light, tab label) in order of urgency.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/saved_filters.py" line="52"/>
        <source>保存当前筛选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/saved_filters.py" line="58"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/saved_filters.py" line="64"/>
        <source>保存筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/saved_filters.py" line="65"/>
        <source>给当前筛选起个名字（如“我单位逾期事项”）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/saved_filters.py" line="80"/>
        <source>本台账中没有：{0}。这些条件已改为“全部”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="44"/>
        <location filename="../../ui/pages/settings_page.py" line="48"/>
        <source> 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="46"/>
        <source>剩余天数按工作日计算（节假日表）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="50"/>
        <source>本机台账启动时也要求登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="51"/>
        <source>保存设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="61"/>
        <source>黄灯：距完成时限不足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="62"/>
        <source>橙灯：实际进度低于时间进度的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="64"/>
        <source>“基本满意”计入满意率的权重</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="65"/>
        <source>进展报送间隔（超过即未按时报送）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="66"/>
        <source>考核权重（合计 100%）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="67"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="93"/>
        <source>只有管理员可以修改设置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="116"/>
        <source>已保存 {0} 项设置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="119"/>
        <source>设置没有变化。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="39"/>
        <source>回访评价 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="45"/>
        <source>未评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="56"/>
        <source>回访日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="57"/>
        <source>满意度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="58"/>
        <source>联系上群众</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="59"/>
        <source>问题已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="60"/>
        <source>回访方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="61"/>
        <source>受访群众</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="62"/>
        <source>群众意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="69"/>
        <source>请至少选择满意度，或记录是否联系上群众。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/dialogs/return_dialog.py" line="164"/>
        <source>填报包已导入</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/workflow_actions.py" line="69"/>
        <source>办理(&amp;W)</source>
        <extracomment>Actions beside the state moves: (menu label, roles, states where offered), in the services&apos; own role sets. The services check the same rules (and unit scope) again; this only keeps the menu honest.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="96"/>
        <source>新增单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="97"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="97"/>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="168"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="97"/>
        <source>上级单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="106"/>
        <source>登记责任人 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="107"/>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="123"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="107"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="120"/>
        <source>新建账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="122"/>
        <source>登录名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="124"/>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="153"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="125"/>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="153"/>
        <source>所属单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="126"/>
        <source>初始密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="127"/>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="140"/>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="139"/>
        <source>设置密码 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="140"/>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="152"/>
        <source>修改角色 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="162"/>
        <source>按季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="162"/>
        <source>按月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="165"/>
        <source>新建清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="167"/>
        <source>清单名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="169"/>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/admin_dialogs.py" line="170"/>
        <source>长期事项考核周期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="45"/>
        <source>该事项已被他人修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="50"/>
        <source>重新载入（放弃我的修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="51"/>
        <source>在新版本上保存我的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/edit_item_dialog.py" line="52"/>
        <source>返回修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="28"/>
        <source>未记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="29"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/visit_dialog.py" line="30"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>run_with_progress</name>
    <message>
        <location filename="../../ui/tasks.py" line="76"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self._w</name>
    <message>
        <location filename="../../ui/batch_actions.py" line="63"/>
        <source>批量处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="64"/>
        <source>请先在台账中选择事项（可按住 Ctrl 或 Shift 多选）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="83"/>
        <source>正在{0} {1} 项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="92"/>
        <source>批量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="101"/>
        <source>批量交办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="102"/>
        <source>将所选 {0} 项交办给：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="117"/>
        <source>批量催办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="118"/>
        <source>催办所选 {0} 项。催办说明（可不填）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="127"/>
        <source>所选 {0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/batch_actions.py" line="128"/>
        <source>（各不相同）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ledger_switch.py" line="64"/>
        <source>打开台账文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ledger_switch.py" line="72"/>
        <source>新建台账文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ledger_switch.py" line="85"/>
        <source>这个台账已经打开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervision_actions.py" line="52"/>
        <source>选择佐证材料</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/batch_actions.py" line="35"/>
        <source>批量处理所选事项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wizard</name>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="20"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/apply_page.py" line="20"/>
        <source>正在写入台账。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="26"/>
        <source>选择文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/file_page.py" line="29"/>
        <source>选择单位报来的清单表格（Excel、WPS 或 ODS），也可以直接把文件拖到主窗口上。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="34"/>
        <source>确认表头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/layout_page.py" line="38"/>
        <source>蓝色为识别出的表头行，灰色为跳过的行（分组标题、合计、落款等，鼠标停留可看原因）。如果表头识别得不对，请改正表头所在的行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="19"/>
        <source>核对列的对应</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/mapping_page.py" line="22"/>
        <source>每一列导入为台账的哪一项。程序按列名预先填好；同样表头的表格，下次会记住你的选择。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="87"/>
        <source>预览与核对</source>
        <extracomment>The wizard field saying the clerk confirmed creating the unknown units. Up to this many rows the columns are fitted to their text; beyond, fitting costs seconds.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard/preview_page.py" line="90"/>
        <source>下面是将要写入台账的内容。确认无误后点“开始导入”；在此之前台账不会有任何改动。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
