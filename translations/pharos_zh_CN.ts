<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BuilderReason</name>
    <message>
        <source>a binary operation between two ratios</source>
        <translation>两个比率之间的二元运算</translation>
    </message>
    <message>
        <source>a comparison between two queries (the builder compares with a number)</source>
        <translation>两个查询之间的比较（构建器只与数字比较）</translation>
    </message>
    <message>
        <source>a comparison inside the query</source>
        <translation>查询内部的比较</translation>
    </message>
    <message>
        <source>a comparison of two numbers</source>
        <translation>两个数字之间的比较</translation>
    </message>
    <message>
        <source>a comparison with the bool modifier</source>
        <translation>带 bool 修饰符的比较</translation>
    </message>
    <message>
        <source>a constant number</source>
        <translation>一个常数</translation>
    </message>
    <message>
        <source>a function over something other than a range selector</source>
        <translation>作用于非范围选择器的函数</translation>
    </message>
    <message>
        <source>a negated query</source>
        <translation>取负的查询</translation>
    </message>
    <message>
        <source>a number where a query is expected</source>
        <translation>在需要查询的位置使用了数字</translation>
    </message>
    <message>
        <source>a range selector without a function</source>
        <translation>没有函数的范围选择器</translation>
    </message>
    <message>
        <source>a ratio with arithmetic on either side (the builder divides one query by another)</source>
        <translation>两侧带有算术运算的比率（构建器只能用一个查询除以另一个查询）</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <source>a subquery</source>
        <translation>子查询</translation>
    </message>
    <message>
        <source>a window computed with step() or range()</source>
        <translation>用 step() 或 range() 计算的窗口</translation>
    </message>
    <message>
        <source>absent() of something other than a selector</source>
        <translation>作用于非选择器的 absent()</translation>
    </message>
    <message>
        <source>an aggregation of an aggregation</source>
        <translation>聚合的聚合</translation>
    </message>
    <message>
        <source>an aggregation of histogram_quantile()</source>
        <translation>对 histogram_quantile() 的聚合</translation>
    </message>
    <message>
        <source>an offset modifier</source>
        <translation>offset 修饰符</translation>
    </message>
    <message>
        <source>histogram_quantile() inside an aggregation</source>
        <translation>聚合内部的 histogram_quantile()</translation>
    </message>
    <message>
        <source>histogram_quantile() over an aggregation that drops le</source>
        <translation>作用于丢弃了 le 的聚合的 histogram_quantile()</translation>
    </message>
    <message>
        <source>histogram_quantile() over something other than rate(...[window])</source>
        <translation>作用于非 rate(...[窗口]) 的 histogram_quantile()</translation>
    </message>
    <message>
        <source>more than one comparison</source>
        <translation>多于一个比较</translation>
    </message>
    <message>
        <source>the @ modifier</source>
        <translation>@ 修饰符</translation>
    </message>
    <message>
        <source>the aggregation %1()</source>
        <translation>聚合 %1()</translation>
    </message>
    <message>
        <source>the function %1()</source>
        <translation>函数 %1()</translation>
    </message>
    <message>
        <source>the function %1() with these arguments</source>
        <translation>带这些参数的函数 %1()</translation>
    </message>
    <message>
        <source>the operator &quot;%1&quot; (the builder has a ratio, &quot;* 100&quot; and one comparison)</source>
        <translation>运算符“%1”（构建器只有比率、“* 100”和一个比较）</translation>
    </message>
    <message>
        <source>the operator &quot;%1&quot; inside a query</source>
        <translation>查询内部的运算符“%1”</translation>
    </message>
    <message>
        <source>the set operator &quot;%1&quot;</source>
        <translation>集合运算符“%1”</translation>
    </message>
    <message>
        <source>this expression</source>
        <translation>此表达式</translation>
    </message>
    <message>
        <source>vector matching (on, ignoring, group_left, group_right) in the ratio</source>
        <translation>比率中的向量匹配（on、ignoring、group_left、group_right）</translation>
    </message>
    <message>
        <source>a quantile that is not a number</source>
        <translation>不是数字的分位数</translation>
    </message>
    <message>
        <source>a prediction time that is not a number</source>
        <translation>不是数字的预测时间</translation>
    </message>
    <message>
        <source>an aggregation parameter that is not a number</source>
        <translation>不是数字的聚合参数</translation>
    </message>
</context>
<context>
    <name>TemplateLibraryDialog</name>
    <message>
        <source>%1: cannot read</source>
        <translation>%1：无法读取</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Pharos: design, backtest and simulate Prometheus alerts and Alertmanager routing.</source>
        <translation>Pharos：设计、回测并模拟 Prometheus 告警与 Alertmanager 路由。</translation>
    </message>
    <message>
        <source>Open FILE instead of the default workspace.</source>
        <translation>打开 FILE，而不是默认工作区。</translation>
    </message>
    <message>
        <source>Render the main window at 1280×800 after start-up, save it as a PNG to FILE and exit.</source>
        <translation>启动后以 1280×800 渲染主窗口，保存为 PNG 文件 FILE 并退出。</translation>
    </message>
</context>
<context>
    <name>pharos::app::AlertsDock</name>
    <message>
        <source>Filter alerts (name, label, state, annotation)</source>
        <translation>筛选告警（名称、标签、状态、注解）</translation>
    </message>
    <message>
        <source>Silence…</source>
        <translation>静默…</translation>
    </message>
    <message>
        <source>Create a silence matching the selected alert or group</source>
        <translation>创建与所选告警或分组匹配的静默</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message numerus="yes">
        <source>%1 firing, %2 pending in %n group(s)</source>
        <translation>
            <numerusform>%n 个分组中 %1 个触发中，%2 个待定</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark the selected alert or group as acknowledged (kept in this workspace until the alert resolves)</source>
        <translation>将所选告警或组标记为已确认（保留在此工作区中，直到告警解决）</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Last evaluation</source>
        <translation>上次评估</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Rule groups</source>
        <translation>规则组</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) failing: %1</source>
        <translation>
            <numerusform>%n 条规则失败：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>for-state not restored: %1</source>
        <translation>for 状态未恢复：%1</translation>
    </message>
    <message>
        <source>ok; for-state restored after the second evaluation</source>
        <translation>正常；for 状态在第二次评估后已恢复</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>Rule groups (%n unhealthy)</source>
        <translation>
            <numerusform>规则组（%n 个不健康）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::AlertsModel</name>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Active since</source>
        <translation>活跃起始时间</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注解</translation>
    </message>
    <message>
        <source>(all alerts)</source>
        <translation>（所有告警）</translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n 个触发中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 个待定</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resolved</source>
        <translation>
            <numerusform>%n 个已解决</numerusform>
        </translation>
    </message>
    <message>
        <source>receiver: %1</source>
        <translation>接收器：%1</translation>
    </message>
    <message>
        <source>Group key: %1</source>
        <translation>分组键：%1</translation>
    </message>
    <message>
        <source>%1 (acknowledged)</source>
        <translation>%1（已确认）</translation>
    </message>
    <message>
        <source>resolved %1</source>
        <translation>已解决 %1</translation>
    </message>
    <message>
        <source>Rule: %1 (group %2, %3)</source>
        <translation>规则：%1（分组 %2，%3）</translation>
    </message>
    <message>
        <source>Firing since %1</source>
        <translation>自 %1 起触发</translation>
    </message>
</context>
<context>
    <name>pharos::app::AnnotationEditor</name>
    <message>
        <source>Render for series:</source>
        <translation>渲染所用序列：</translation>
    </message>
    <message>
        <source>The result series of the rule&apos;s expression whose labels and value the annotations are rendered with</source>
        <translation>规则表达式返回的结果序列，注解使用其标签和值进行渲染</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>添加注解</translation>
    </message>
    <message>
        <source>Annotation name</source>
        <translation>注解名称</translation>
    </message>
    <message>
        <source>A common annotation name, or type your own</source>
        <translation>常用注解名称，或自行输入</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this annotation</source>
        <translation>移除此注解</translation>
    </message>
    <message>
        <source>No TSDB is open: nothing to render with.</source>
        <translation>未打开 TSDB：没有可用于渲染的数据。</translation>
    </message>
    <message>
        <source>The rule has no expression: nothing to render with.</source>
        <translation>规则没有表达式：没有可用于渲染的数据。</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>The expression failed: %1</source>
        <translation>表达式执行失败：%1</translation>
    </message>
    <message>
        <source>No data: the expression returns no series now, so there is nothing to render with.</source>
        <translation>无数据：表达式当前未返回任何序列，因此无法渲染。</translation>
    </message>
    <message numerus="yes">
        <source>%n series returned by the expression.</source>
        <translation>
            <numerusform>表达式返回了 %n 个序列。</numerusform>
        </translation>
    </message>
    <message>
        <source>(not rendered: no data)</source>
        <translation>（未渲染：无数据）</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Error at line %1, column %2: %3</source>
        <translation>第 %1 行第 %2 列出错：%3</translation>
    </message>
    <message>
        <source>Error at line %1: %2</source>
        <translation>第 %1 行出错：%2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>pharos::app::BarGaugePanel</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>pharos::app::BuilderQueryRow</name>
    <message>
        <source>metric name; type to search or drag one from the metrics explorer</source>
        <translation>指标名称；输入以搜索，或从指标浏览器中拖入一个</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>添加过滤条件</translation>
    </message>
    <message>
        <source>Keep only the series whose label matches</source>
        <translation>仅保留标签匹配的序列</translation>
    </message>
    <message>
        <source>Label filters</source>
        <translation>标签过滤条件</translation>
    </message>
    <message>
        <source>none (the values as they are)</source>
        <translation>无（保持原值）</translation>
    </message>
    <message>
        <source>over</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>The window the function reads, e.g. 5m or 1h</source>
        <translation>函数读取的时间窗口，例如 5m 或 1h</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>none (each series)</source>
        <translation>无（逐个序列）</translation>
    </message>
    <message>
        <source>by</source>
        <translation>by</translation>
    </message>
    <message>
        <source>without</source>
        <translation>without</translation>
    </message>
    <message>
        <source>labels, comma-separated</source>
        <translation>标签，以逗号分隔</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Pick labels of the metric</source>
        <translation>选择该指标的标签</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>聚合</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>= (equals)</source>
        <translation>=（等于）</translation>
    </message>
    <message>
        <source>!= (differs)</source>
        <translation>!=（不等于）</translation>
    </message>
    <message>
        <source>=~ (matches regex)</source>
        <translation>=~（匹配正则表达式）</translation>
    </message>
    <message>
        <source>!~ (does not match regex)</source>
        <translation>!~（不匹配正则表达式）</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>移除此过滤条件</translation>
    </message>
    <message>
        <source>Window: &quot;%1&quot; is not a duration; use e.g. 5m or 1h</source>
        <translation>窗口：&quot;%1&quot; 不是有效的时长；请使用例如 5m 或 1h</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1：&quot;%2&quot; 不是数字</translation>
    </message>
    <message>
        <source>Aggregation parameter: &quot;%1&quot; is not a number</source>
        <translation>聚合参数：&quot;%1&quot; 不是数字</translation>
    </message>
    <message>
        <source>seconds ahead</source>
        <translation>秒之后</translation>
    </message>
    <message>
        <source>quantile</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>e.g. 14400</source>
        <translation>例如 14400</translation>
    </message>
    <message>
        <source>e.g. 0.95</source>
        <translation>例如 0.95</translation>
    </message>
    <message>
        <source>of rate over</source>
        <translation>取 rate，窗口为</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>histogram_quantile keeps the le label by itself: do not list it</source>
        <translation>histogram_quantile 会自行保留 le 标签：请勿列出它</translation>
    </message>
    <message>
        <source>No labels known for this metric</source>
        <translation>此指标没有已知标签</translation>
    </message>
</context>
<context>
    <name>pharos::app::DashboardView</name>
    <message>
        <source>Time series panel</source>
        <translation>时间序列面板</translation>
    </message>
    <message>
        <source>Stat panel</source>
        <translation>统计面板</translation>
    </message>
    <message>
        <source>Gauge panel</source>
        <translation>仪表盘面板</translation>
    </message>
    <message>
        <source>Bar gauge panel</source>
        <translation>条形仪表盘面板</translation>
    </message>
    <message>
        <source>Table panel</source>
        <translation>表格面板</translation>
    </message>
    <message>
        <source>Heatmap panel</source>
        <translation>热力图面板</translation>
    </message>
    <message>
        <source>Text panel</source>
        <translation>文本面板</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Row title</source>
        <translation>行标题</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a panel or a row</source>
        <translation>添加面板或行</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Save dashboard</source>
        <translation>保存仪表板</translation>
    </message>
    <message>
        <source>Rename row</source>
        <translation>重命名行</translation>
    </message>
    <message>
        <source>Row title:</source>
        <translation>行标题：</translation>
    </message>
    <message>
        <source>Resize panel</source>
        <translation>调整面板大小</translation>
    </message>
    <message>
        <source>Move panel</source>
        <translation>移动面板</translation>
    </message>
    <message>
        <source>Duplicate panel</source>
        <translation>复制面板</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>移除面板</translation>
    </message>
    <message>
        <source>Edit panel</source>
        <translation>编辑面板</translation>
    </message>
    <message>
        <source>New panel</source>
        <translation>新建面板</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>添加面板</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Collapse row</source>
        <translation>折叠行</translation>
    </message>
    <message>
        <source>Expand row</source>
        <translation>展开行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>移除行</translation>
    </message>
    <message>
        <source>Time range: %1</source>
        <translation>时间范围：%1</translation>
    </message>
    <message>
        <source>No data store is open</source>
        <translation>未打开数据存储</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>pharos::app::DatasourceDialog</name>
    <message>
        <source>Client Certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client Key</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Datasources</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a Prometheus-API datasource</source>
        <translation>添加一个 Prometheus API 数据源</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected datasource, with its credentials</source>
        <translation>复制所选数据源及其凭据</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Remove the selected datasource from the workspace</source>
        <translation>从工作区中移除所选数据源</translation>
    </message>
    <message>
        <source>&lt;b&gt;Local TSDB&lt;/b&gt;&lt;p&gt;The workspace&apos;s own time-series database: what the scraper records and imports write. It is always available and has no settings.&lt;/p&gt;&lt;p&gt;Add a datasource to query a Prometheus, Thanos, Mimir or VictoriaMetrics server instead.&lt;/p&gt;</source>
        <translation>&lt;b&gt;本地 TSDB&lt;/b&gt;&lt;p&gt;工作区自身的时间序列数据库：存放抓取器记录的数据和导入写入的数据。它始终可用，且没有设置项。&lt;/p&gt;&lt;p&gt;若要改为查询 Prometheus、Thanos、Mimir 或 VictoriaMetrics 服务器，请添加数据源。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>For your information only: every kind speaks the Prometheus HTTP API</source>
        <translation>仅供参考：每种类型都使用 Prometheus HTTP API</translation>
    </message>
    <message>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <source>Thanos</source>
        <translation>Thanos</translation>
    </message>
    <message>
        <source>Grafana Mimir</source>
        <translation>Grafana Mimir</translation>
    </message>
    <message>
        <source>VictoriaMetrics</source>
        <translation>VictoriaMetrics</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Base URL of the server&apos;s HTTP API, with any path prefix (e.g. https://mimir.example/prometheus)</source>
        <translation>服务器 HTTP API 的基础 URL，包括路径前缀（例如 https://mimir.example/prometheus）</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方式(&amp;M)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic（用户名和密码）</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>TLS 客户端证书</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Certificate file:</source>
        <translation>证书文件(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>密钥文件(&amp;K)：</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>PEM 文件</translation>
    </message>
    <message>
        <source>PEM file (RSA or EC key)</source>
        <translation>PEM 文件（RSA 或 EC 密钥）</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>TLS (https URLs)</source>
        <translation>TLS（https URL）</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>CA 文件(&amp;A)：</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>Skip server certificate &amp;verification (insecure: test set-ups only)</source>
        <translation>跳过服务器证书验证(&amp;V)（不安全：仅限测试环境）</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>超时(&amp;I)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Longest wait for one HTTP request, from sending to the last byte</source>
        <translation>单个 HTTP 请求的最长等待时间，从发送到收到最后一个字节</translation>
    </message>
    <message>
        <source>E&amp;xtra headers:</source>
        <translation>额外请求头(&amp;X)：</translation>
    </message>
    <message>
        <source>One &quot;Name: value&quot; per line, sent with every request (e.g. a Mimir tenant)</source>
        <translation>每行一个 &quot;Name: value&quot;，随每个请求发送（例如 Mimir 租户）</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the server for its version with the settings as they are in the form</source>
        <translation>使用表单中当前的设置向服务器查询其版本</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Local TSDB</source>
        <translation>本地 TSDB</translation>
    </message>
    <message>
        <source>The workspace&apos;s own time-series database</source>
        <translation>工作区自身的时间序列数据库</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1（未保存）</translation>
    </message>
    <message>
        <source>The stored document cannot be read: %1</source>
        <translation>无法读取已存储的文档：%1</translation>
    </message>
    <message>
        <source>the new datasource</source>
        <translation>新数据源</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to %1?</source>
        <translation>要放弃对 %1 的未保存更改吗？</translation>
    </message>
    <message>
        <source>%1-copy</source>
        <translation>%1-copy</translation>
    </message>
    <message>
        <source>%1-copy-%2</source>
        <translation>%1-copy-%2</translation>
    </message>
    <message>
        <source>Delete Datasource</source>
        <translation>删除数据源</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>请输入名称。</translation>
    </message>
    <message>
        <source>The name cannot contain &quot;/&quot;.</source>
        <translation>名称不能包含 &quot;/&quot;。</translation>
    </message>
    <message>
        <source>A datasource named %1 exists already.</source>
        <translation>名为 %1 的数据源已存在。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. http://prometheus:9090.</source>
        <translation>请输入服务器的 URL，例如 http://prometheus:9090。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: expected http://host:port or https://host:port.</source>
        <translation>&quot;%1&quot; 不是有效的 URL：应为 http://host:port 或 https://host:port。</translation>
    </message>
    <message>
        <source>Basic authentication needs a user name.</source>
        <translation>Basic 身份验证需要用户名。</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter the bearer token.</source>
        <translation>请输入 Bearer 令牌。</translation>
    </message>
    <message>
        <source>Choose the client certificate and key files.</source>
        <translation>请选择客户端证书和密钥文件。</translation>
    </message>
    <message>
        <source>A client certificate needs an https URL.</source>
        <translation>客户端证书需要 https URL。</translation>
    </message>
    <message>
        <source>No secret store is available: the password or token cannot be saved.</source>
        <translation>没有可用的密钥存储：无法保存密码或令牌。</translation>
    </message>
    <message>
        <source>Extra headers, line %1: expected &quot;Name: value&quot;.</source>
        <translation>额外请求头，第 %1 行：应为 &quot;Name: value&quot;。</translation>
    </message>
    <message>
        <source>The CA file is used for https URLs only.</source>
        <translation>CA 文件仅用于 https URL。</translation>
    </message>
    <message>
        <source>Skipping certificate verification matters for https URLs only.</source>
        <translation>跳过证书验证仅对 https URL 有效。</translation>
    </message>
    <message>
        <source>Credentials are sent unencrypted over http.</source>
        <translation>凭据将通过 http 以未加密方式发送。</translation>
    </message>
    <message>
        <source>The workspace is open read-only: datasources cannot be changed.</source>
        <translation>工作区以只读方式打开：无法更改数据源。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Stored in the secret store — type to replace</source>
        <translation>已存储在密钥存储中 — 输入以替换</translation>
    </message>
    <message>
        <source>Kept in the secret store, not in the workspace</source>
        <translation>保存在密钥存储中，而非工作区中</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot store the secret in %1: %2</source>
        <translation>无法将密钥存储到 %1：%2</translation>
    </message>
    <message>
        <source>the secret store</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Enter a valid URL first.</source>
        <translation>请先输入有效的 URL。</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>请先输入密码。</translation>
    </message>
    <message>
        <source>Enter the user name first.</source>
        <translation>请先输入用户名。</translation>
    </message>
    <message>
        <source>Enter the bearer token first.</source>
        <translation>请先输入 Bearer 令牌。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <source>Connected: version %1</source>
        <translation>已连接：版本 %1</translation>
    </message>
    <message>
        <source>Connected: version %1 (revision %2)</source>
        <translation>已连接：版本 %1（修订 %2）</translation>
    </message>
    <message>
        <source>Connected: the server answers queries but tells no version (%1)</source>
        <translation>已连接：服务器响应查询，但未提供版本（%1）</translation>
    </message>
    <message>
        <source>Delete the datasource %1 from the workspace? Its password or token is removed from the secret store.</source>
        <translation>从工作区删除数据源 %1？其密码或令牌将从密钥存储中移除。</translation>
    </message>
    <message>
        <source>The datasource is saved, but a secret it no longer uses could not be removed from %1: %2</source>
        <translation>数据源已保存，但无法从 %1 中移除其不再使用的密钥：%2</translation>
    </message>
</context>
<context>
    <name>pharos::app::DatasourceSelector</name>
    <message>
        <source>Local TSDB</source>
        <translation>本地 TSDB</translation>
    </message>
    <message>
        <source>Query the workspace&apos;s own time-series database</source>
        <translation>查询工作区自身的时间序列数据库</translation>
    </message>
    <message>
        <source>Query the remote datasource %1</source>
        <translation>查询远程数据源 %1</translation>
    </message>
    <message>
        <source>Edit Datasources…</source>
        <translation>编辑数据源…</translation>
    </message>
    <message>
        <source>Where queries, the metrics explorer and dashboards get their data</source>
        <translation>查询、指标浏览器和仪表板获取数据的来源</translation>
    </message>
</context>
<context>
    <name>pharos::app::ExplorerDock</name>
    <message>
        <source>Metrics Explorer</source>
        <translation>指标浏览器</translation>
    </message>
    <message>
        <source>Search metrics…</source>
        <translation>搜索指标…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Reload metric names and counts from the TSDB</source>
        <translation>从 TSDB 重新加载指标名称和计数</translation>
    </message>
    <message>
        <source>Double-click a metric or a label value to query it; drag it into an editor</source>
        <translation>双击指标或标签值进行查询；也可将其拖入编辑器</translation>
    </message>
    <message>
        <source>No TSDB open.</source>
        <translation>未打开 TSDB。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n metric(s)</source>
        <translation>
            <numerusform>%n 个指标</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n metric(s)</source>
        <translation>
            <numerusform>%1 / %n 个指标</numerusform>
        </translation>
    </message>
    <message>
        <source>new data: Reload to refresh</source>
        <translation>有新数据：重新加载以刷新</translation>
    </message>
</context>
<context>
    <name>pharos::app::ExportDialog</name>
    <message>
        <source>Export Into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose the folder to export into.</source>
        <translation>请选择要导出到的文件夹。</translation>
    </message>
    <message>
        <source>Validating with Pharos, promtool and amtool…</source>
        <translation>正在使用 Pharos、promtool 和 amtool 校验…</translation>
    </message>
    <message>
        <source>Validating…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>No changes: the export is the same as what is there.</source>
        <translation>没有变化：导出内容与现有内容相同。</translation>
    </message>
    <message numerus="yes">
        <source>Validation failed: %n error(s). Nothing will be written unless you choose to.</source>
        <translation>
            <numerusform>校验失败：%n 个错误。除非您选择写入，否则不会写入任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation passed.</source>
        <translation>校验通过。</translation>
    </message>
    <message>
        <source>Not installed, so not run: %1.</source>
        <translation>未安装，因此未运行：%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) would change.</source>
        <translation>
            <numerusform>将有 %n 个文件发生变化。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder is not inside a git repository.</source>
        <translation>该文件夹不在 git 仓库中。</translation>
    </message>
    <message>
        <source>Git repository: %1 (folder %2).</source>
        <translation>Git 仓库：%1（文件夹 %2）。</translation>
    </message>
    <message>
        <source>Uncommitted changes in the folder: %1.</source>
        <translation>文件夹中有未提交的更改：%1。</translation>
    </message>
    <message>
        <source>Uncommitted changes</source>
        <translation>未提交的更改</translation>
    </message>
    <message>
        <source>The folder has uncommitted changes:
%1

The commit would include them together with the export. Commit anyway?</source>
        <translation>该文件夹有未提交的更改：
%1

提交会把它们与导出内容一起包含进去。仍要提交吗？</translation>
    </message>
    <message>
        <source>Not exported: the folder has uncommitted changes.</source>
        <translation>未导出：该文件夹有未提交的更改。</translation>
    </message>
    <message>
        <source>Exported to %1: %2 written, %3 unchanged, %4 removed.</source>
        <translation>已导出到 %1：写入 %2 个，未变 %3 个，删除 %4 个。</translation>
    </message>
    <message>
        <source>Committed %1 on %2.</source>
        <translation>已在 %2 上提交 %1。</translation>
    </message>
    <message>
        <source>Nothing to commit.</source>
        <translation>没有需要提交的内容。</translation>
    </message>
    <message>
        <source>Export Configuration</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>输出文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Routing (alertmanager.yml):</source>
        <translation>路由(&amp;R)（alertmanager.yml）：</translation>
    </message>
    <message>
        <source>Also validate with promtool and amtool when installed</source>
        <translation>若已安装，同时用 promtool 和 amtool 校验</translation>
    </message>
    <message>
        <source>&amp;Commit the folder to its git repository</source>
        <translation>将该文件夹提交到其 git 仓库(&amp;C)</translation>
    </message>
    <message>
        <source>Commit message</source>
        <translation>提交说明</translation>
    </message>
    <message>
        <source>New branch (optional)</source>
        <translation>新分支（可选）</translation>
    </message>
    <message>
        <source>Write even when validation fails</source>
        <translation>即使校验失败也写入</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Files to provide</source>
        <translation>需提供的文件</translation>
    </message>
    <message>
        <source>Secrets and certificates are never exported: the configuration reads them from these files, which the deployment must provide.</source>
        <translation>密钥和证书从不导出：配置从这些文件读取它们，部署时必须提供这些文件。</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Preview validates the configuration and shows what changes.</source>
        <translation>“预览”会校验配置并显示将发生的变化。</translation>
    </message>
    <message>
        <source>Pushing…</source>
        <translation>正在推送…</translation>
    </message>
    <message>
        <source>Pushed to %1.</source>
        <translation>已推送到 %1。</translation>
    </message>
    <message>
        <source>Push failed (the local commit is kept): %1</source>
        <translation>推送失败（本地提交已保留）：%1</translation>
    </message>
    <message>
        <source>&amp;Push the commit to the repository&apos;s remote</source>
        <translation>推送提交到仓库的远程(&amp;P)</translation>
    </message>
    <message>
        <source>Uses your git installation and the credentials that already work for this remote; Pharos never asks for a password.</source>
        <translation>使用您已安装的 git 以及该远程已可用的凭据；Pharos 从不索取密码。</translation>
    </message>
    <message>
        <source>Include the dashboards as Grafana JSON (dashboards/)</source>
        <translation>同时以 Grafana JSON 导出仪表板（dashboards/）</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>布局：</translation>
    </message>
    <message>
        <source>Side by side: prometheus.yml, rules/, alertmanager.yml, templates/, tests/</source>
        <translation>并列：prometheus.yml、rules/、alertmanager.yml、templates/、tests/</translation>
    </message>
    <message>
        <source>One folder per service: prometheus/, alertmanager/, grafana/</source>
        <translation>每个服务一个文件夹：prometheus/、alertmanager/、grafana/</translation>
    </message>
    <message>
        <source>Not recorded as the last export: %1</source>
        <translation>未记录为上次导出：%1</translation>
    </message>
</context>
<context>
    <name>pharos::app::GaugePanel</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>pharos::app::HeatmapPanel</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Bucket: %1
Time: %2
Count: %3</source>
        <translation>桶：%1
时间：%2
计数：%3</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>pharos::app::InhibitionEditor</name>
    <message>
        <source>alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>all alerts</source>
        <translation>所有告警</translation>
    </message>
    <message>
        <source>any alert</source>
        <translation>任意告警</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 with %2=%3</source>
        <translation>%2=%3 的%1</translation>
    </message>
    <message>
        <source>%1 matching %2</source>
        <translation>匹配 %2 的%1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Source matchers (the inhibiting alert):</source>
        <translation>源匹配器（起抑制作用的告警）：</translation>
    </message>
    <message>
        <source>Target matchers (the muted alerts):</source>
        <translation>目标匹配器（被抑制的告警）：</translation>
    </message>
    <message>
        <source>Equal labels:</source>
        <translation>相等标签：</translation>
    </message>
    <message>
        <source>severity=&quot;critical&quot;</source>
        <translation>severity=&quot;critical&quot;</translation>
    </message>
    <message>
        <source>severity=&quot;warning&quot;</source>
        <translation>severity=&quot;warning&quot;</translation>
    </message>
    <message>
        <source>alertname, cluster</source>
        <translation>alertname, cluster</translation>
    </message>
    <message>
        <source>Convert to matchers</source>
        <translation>转换为匹配器</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>No inhibit rules.</source>
        <translation>没有抑制规则。</translation>
    </message>
    <message>
        <source>Legacy source_match: %1</source>
        <translation>旧版 source_match：%1</translation>
    </message>
    <message>
        <source>Legacy target_match: %1</source>
        <translation>旧版 target_match：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid label name</source>
        <translation>“%1”不是有效的标签名</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>一个%1</translation>
    </message>
    <message>
        <source>%1 are muted while %2 fires.</source>
        <translation>当%2触发时，%1被抑制。</translation>
    </message>
    <message>
        <source>%1 are muted while %2 with the same %3 fires.</source>
        <translation>当具有相同 %3 的%2触发时，%1被抑制。</translation>
    </message>
    <message>
        <source>Add inhibit rule</source>
        <translation>添加抑制规则</translation>
    </message>
    <message>
        <source>Delete inhibit rule %1</source>
        <translation>删除抑制规则 %1</translation>
    </message>
    <message>
        <source>Move inhibit rule up</source>
        <translation>上移抑制规则</translation>
    </message>
    <message>
        <source>Move inhibit rule down</source>
        <translation>下移抑制规则</translation>
    </message>
    <message>
        <source>Source matchers: %1</source>
        <translation>源匹配器：%1</translation>
    </message>
    <message>
        <source>Edit source matchers of inhibit rule %1</source>
        <translation>编辑抑制规则 %1 的源匹配器</translation>
    </message>
    <message>
        <source>Target matchers: %1</source>
        <translation>目标匹配器：%1</translation>
    </message>
    <message>
        <source>Edit target matchers of inhibit rule %1</source>
        <translation>编辑抑制规则 %1 的目标匹配器</translation>
    </message>
    <message>
        <source>Equal labels: %1</source>
        <translation>相等标签：%1</translation>
    </message>
    <message>
        <source>Edit equal labels of inhibit rule %1</source>
        <translation>编辑抑制规则 %1 的相等标签</translation>
    </message>
    <message>
        <source>Convert legacy matchers of inhibit rule %1</source>
        <translation>转换抑制规则 %1 的旧版匹配器</translation>
    </message>
</context>
<context>
    <name>pharos::app::MainWindow</name>
    <message>
        <source>Pharos workspaces (*.pharos);;All files (*)</source>
        <translation>Pharos 工作区 (*.pharos);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Save Workspace As</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <source>About Pharos</source>
        <translation>关于 Pharos</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pharos %1&lt;/h3&gt;&lt;p&gt;A desktop observability console: a local time-series store, PromQL, alert rule design and backtesting, Alertmanager routing simulation, and export to Prometheus and Alertmanager configuration.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pharos %1&lt;/h3&gt;&lt;p&gt;桌面可观测性控制台：本地时序存储、PromQL、告警规则设计与回测、Alertmanager 路由模拟，以及导出为 Prometheus 和 Alertmanager 配置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty workspace file</source>
        <translation>创建一个空的工作区文件</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a workspace file</source>
        <translation>打开一个工作区文件</translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save a copy of the workspace under another name and continue there</source>
        <translation>以另一个名称保存工作区副本，并在副本中继续工作</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every dock back where it was on first start</source>
        <translation>将所有停靠窗口恢复到首次启动时的位置</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Pharos</source>
        <translation>关于 Pharos(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Workspace: %1 (read-only)</source>
        <translation>工作区：%1（只读）</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>%1 — Pharos</source>
        <translation>%1 — Pharos</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>Pharos</source>
        <translation>Pharos</translation>
    </message>
    <message>
        <source>Opened workspace %1 read-only</source>
        <translation>已以只读方式打开工作区 %1</translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation>已打开工作区 %1</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Workspace in use</source>
        <translation>工作区正在使用中</translation>
    </message>
    <message>
        <source>%1

Open it read-only?</source>
        <translation>%1

以只读方式打开？</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>Cannot create workspace</source>
        <translation>无法创建工作区</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>无法保存工作区</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>没有最近打开的工作区</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No workspace open&lt;/h2&gt;&lt;p&gt;Use &lt;b&gt;File › New Workspace&lt;/b&gt; or &lt;b&gt;File › Open Workspace&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;未打开工作区&lt;/h2&gt;&lt;p&gt;请使用&lt;b&gt;文件 › 新建工作区&lt;/b&gt;或&lt;b&gt;文件 › 打开工作区&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Schema version %1</source>
        <translation>架构版本 %1</translation>
    </message>
    <message>
        <source>Read-only: another Pharos has this workspace open.</source>
        <translation>只读：另一个 Pharos 已打开此工作区。</translation>
    </message>
    <message>
        <source>This workspace is empty.</source>
        <translation>此工作区为空。</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Import Configuration From</source>
        <translation>从以下位置导入配置</translation>
    </message>
    <message>
        <source>&amp;Export Configuration…</source>
        <translation>导出配置(&amp;E)…</translation>
    </message>
    <message>
        <source>Write prometheus.yml, rule files and alertmanager.yml, validated, optionally into git</source>
        <translation>写出经过校验的 prometheus.yml、规则文件和 alertmanager.yml，可选地提交到 git</translation>
    </message>
    <message>
        <source>&amp;Import Configuration…</source>
        <translation>导入配置(&amp;I)…</translation>
    </message>
    <message>
        <source>Read prometheus.yml, its rule files, alertmanager.yml and rule tests from a folder</source>
        <translation>从文件夹读取 prometheus.yml 及其规则文件、alertmanager.yml 和规则测试</translation>
    </message>
    <message>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %n 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved the secret in %1 to the private folder %2 (no keychain: %3); the configuration now reads %4</source>
        <translation>已将 %1 中的密钥移至私有文件夹 %2（无可用钥匙串：%3）；配置现在读取 %4</translation>
    </message>
    <message>
        <source>Moved the secret in %1 to the system keychain; the configuration now reads %2</source>
        <translation>已将 %1 中的密钥移至系统钥匙串；配置现在读取 %2</translation>
    </message>
    <message>
        <source>Import Grafana Dashboards</source>
        <translation>导入 Grafana 仪表板</translation>
    </message>
    <message>
        <source>Grafana dashboards (*.json);;All files (*)</source>
        <translation>Grafana 仪表板 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import &amp;Grafana Dashboards…</source>
        <translation>导入 Grafana 仪表板(&amp;G)…</translation>
    </message>
    <message>
        <source>Read Grafana dashboard JSON exports into the workspace</source>
        <translation>将 Grafana 仪表板 JSON 导出文件读入工作区</translation>
    </message>
    <message>
        <source>tsdb</source>
        <translation>tsdb</translation>
    </message>
    <message>
        <source>Cannot open the workspace TSDB %1: %2</source>
        <translation>无法打开工作区 TSDB %1：%2</translation>
    </message>
    <message>
        <source>Generating demo data… %1%</source>
        <translation>正在生成演示数据… %1%</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>dashboards</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>The workspace is read-only: the dashboard was not saved</source>
        <translation>工作区为只读：仪表板未保存</translation>
    </message>
    <message>
        <source>Saved dashboard %1</source>
        <translation>已保存仪表板 %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported dashboard “%1” from %2 (%n item(s) reported)</source>
        <translation>
            <numerusform>已从 %2 导入仪表板“%1”（报告了 %n 项）</numerusform>
        </translation>
    </message>
    <message>
        <source>The workspace is read-only: the rule file was not saved</source>
        <translation>工作区为只读：规则文件未保存</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>Wrote the promtool test %1: %2</source>
        <translation>已写入 promtool 测试 %1：%2</translation>
    </message>
    <message>
        <source>Freeze as Test</source>
        <translation>冻结为测试</translation>
    </message>
    <message>
        <source>The test was not written: %1</source>
        <translation>未写入测试：%1</translation>
    </message>
    <message>
        <source>Serve Prometheus API</source>
        <translation>提供 Prometheus API</translation>
    </message>
    <message>
        <source>Listen address (loopback only), e.g. 127.0.0.1:9090. Grafana and other Prometheus clients can then read this workspace&apos;s data.</source>
        <translation>监听地址（仅限回环），例如 127.0.0.1:9090。之后 Grafana 和其他 Prometheus 客户端即可读取此工作区的数据。</translation>
    </message>
    <message>
        <source>Cannot serve the Prometheus API: %1</source>
        <translation>无法提供 Prometheus API：%1</translation>
    </message>
    <message>
        <source>serve</source>
        <translation>API 服务</translation>
    </message>
    <message>
        <source>%1 is not a loopback address; use pharos-cli serve --allow-remote with authentication to serve other hosts</source>
        <translation>%1 不是回环地址；要向其他主机提供服务，请使用带身份验证的 pharos-cli serve --allow-remote</translation>
    </message>
    <message>
        <source>no TSDB is open</source>
        <translation>没有打开的 TSDB</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>正在提供 %1</translation>
    </message>
    <message>
        <source>Serving the Prometheus API at %1</source>
        <translation>正在 %1 提供 Prometheus API</translation>
    </message>
    <message>
        <source>Serve &amp;Prometheus API…</source>
        <translation>提供 &amp;Prometheus API…</translation>
    </message>
    <message>
        <source>Serve this workspace&apos;s data over the Prometheus HTTP API on a loopback address</source>
        <translation>在回环地址上通过 Prometheus HTTP API 提供此工作区的数据</translation>
    </message>
    <message>
        <source>Cannot evaluate rules live: %1</source>
        <translation>无法实时评估规则：%1</translation>
    </message>
    <message>
        <source>no workspace is open</source>
        <translation>未打开工作区</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n rule file(s) live</source>
        <translation>
            <numerusform>正在实时评估 %n 个规则文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluate Rules &amp;Live</source>
        <translation>实时评估规则(&amp;L)</translation>
    </message>
    <message>
        <source>Evaluate the workspace&apos;s rule files at their intervals on the recorded data and list pending and firing alerts in the Alerts dock</source>
        <translation>按各规则文件的评估间隔在已记录的数据上评估工作区的规则文件，并在“告警”停靠窗口中列出待定和触发中的告警</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alertmanager push failed: %1</source>
        <translation>推送到 Alertmanager 失败：%1</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Open a routing configuration in the Routing dock to add silences.</source>
        <translation>请在“路由”面板中打开一个路由配置以添加静默。</translation>
    </message>
    <message>
        <source>&amp;Notifications…</source>
        <translation>通知(&amp;N)…</translation>
    </message>
    <message>
        <source>Where alerts of the live evaluation go: the workspace&apos;s receivers, an Alertmanager, or nowhere; desktop messages; test notifications</source>
        <translation>实时评估产生的告警发往何处：工作区的接收器、某个 Alertmanager，或不发送；桌面消息；测试通知</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Where queries, charts, dashboards and backtests read their data</source>
        <translation>查询、图表、仪表板和回测读取数据的来源</translation>
    </message>
    <message>
        <source>datasource</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Reading the local TSDB</source>
        <translation>正在读取本地 TSDB</translation>
    </message>
    <message>
        <source>Reading datasource %1</source>
        <translation>正在读取数据源 %1</translation>
    </message>
    <message>
        <source>Notifications keep their previous routing: %1: %2</source>
        <translation>通知保持先前的路由：%1：%2</translation>
    </message>
</context>
<context>
    <name>pharos::app::MetricsModel</name>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n 个序列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct values</source>
        <translation>
            <numerusform>%n 个不同值</numerusform>
        </translation>
    </message>
    <message>
        <source>Metrics and values: series; label names: distinct values</source>
        <translation>指标和值：序列数；标签名：不同值数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
</context>
<context>
    <name>pharos::app::NoisiestModel</name>
    <message>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Alert or group</source>
        <translation>告警或分组</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationHistoryModel</name>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed, retrying</source>
        <translation>失败，正在重试</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>集成</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationHistoryView</name>
    <message>
        <source>All receivers</source>
        <translation>所有接收器</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>接收器：</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n 次尝试</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation>无法加载历史记录：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationSettingsDialog</name>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>(no integrations)</source>
        <translation>（无集成）</translation>
    </message>
    <message>
        <source>Live Notifications</source>
        <translation>实时通知</translation>
    </message>
    <message>
        <source>Send live alerts</source>
        <translation>发送实时告警</translation>
    </message>
    <message>
        <source>Off (evaluate rules, send nothing)</source>
        <translation>关闭（评估规则，不发送任何内容）</translation>
    </message>
    <message>
        <source>Through the workspace&apos;s receivers (alertmanager.yml)</source>
        <translation>通过工作区的接收器（alertmanager.yml）</translation>
    </message>
    <message>
        <source>To an Alertmanager at URL</source>
        <translation>发送到指定 URL 的 Alertmanager</translation>
    </message>
    <message>
        <source>http://127.0.0.1:9093</source>
        <translation>http://127.0.0.1:9093</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Basic auth user:</source>
        <translation>Basic 认证用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Tick &quot;Tray&quot; to also show a desktop message when a receiver is notified. A test sends one synthetic alert to every integration of the receiver.</source>
        <translation>勾选 &quot;系统托盘&quot; 可在通知接收器时同时显示桌面消息。测试会向接收器的每个集成发送一条合成告警。</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>集成</translation>
    </message>
    <message>
        <source>Tray</source>
        <translation>系统托盘</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Also show a desktop tray message for this receiver&apos;s notifications</source>
        <translation>此接收器发送通知时也显示系统托盘消息</translation>
    </message>
    <message>
        <source>Send test notification</source>
        <translation>发送测试通知</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Now: %1 alert(s) in %2 group(s); %3 sent, %4 failed, %5 in progress, %6 muted.</source>
        <translation>当前：%2 个组中有 %1 条告警；%3 条已发送，%4 条失败，%5 条进行中，%6 条已屏蔽。</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Enter the Alertmanager&apos;s http:// or https:// URL, e.g. http://127.0.0.1:9093.</source>
        <translation>请输入 Alertmanager 的 http:// 或 https:// URL，例如 http://127.0.0.1:9093。</translation>
    </message>
    <message>
        <source>Put the user name and password in their own fields, not in the URL.</source>
        <translation>请将用户名和密码填入各自的字段，而不是放在 URL 中。</translation>
    </message>
    <message>
        <source>There is no secret store to keep the password in.</source>
        <translation>没有可用于保存密码的密钥存储。</translation>
    </message>
    <message>
        <source>A password is stored; type a new one to replace it.</source>
        <translation>已存储密码；输入新密码可替换。</translation>
    </message>
    <message>
        <source>Live notifications are not running</source>
        <translation>实时通知未在运行</translation>
    </message>
    <message>
        <source>This receiver has no integration to send to</source>
        <translation>此接收器没有可发送的集成</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>正在保存密码…</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>密码未保存：%1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Basic auth</source>
        <translation>基本认证</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>认证：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Enter the basic auth user name.</source>
        <translation>请输入基本认证的用户名。</translation>
    </message>
    <message>
        <source>Enter the bearer token.</source>
        <translation>请输入 Bearer 令牌。</translation>
    </message>
    <message>
        <source>There is no secret store to keep the token in.</source>
        <translation>没有可保存令牌的密钥存储。</translation>
    </message>
    <message>
        <source>A token is stored; type a new one to replace it.</source>
        <translation>已存储令牌；输入新令牌以替换。</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>正在保存令牌…</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>令牌未保存：%1</translation>
    </message>
</context>
<context>
    <name>pharos::app::PagerComparisonModel</name>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>Pages under B minus pages under A</source>
        <translation>B 下的呼叫数减去 A 下的呼叫数</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Pages (A)</source>
        <translation>呼叫数 (A)</translation>
    </message>
    <message>
        <source>Pages (B)</source>
        <translation>呼叫数 (B)</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>Night (A)</source>
        <translation>夜间 (A)</translation>
    </message>
    <message>
        <source>Night (B)</source>
        <translation>夜间 (B)</translation>
    </message>
    <message>
        <source>Weekend (A)</source>
        <translation>周末 (A)</translation>
    </message>
    <message>
        <source>Weekend (B)</source>
        <translation>周末 (B)</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelContent</name>
    <message>
        <source>Panel type “%1” is not supported by Pharos.</source>
        <translation>Pharos 不支持面板类型“%1”。</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelEditor</name>
    <message>
        <source>Last (not null)</source>
        <translation>最后一个（非空）</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>First</source>
        <translation>第一个</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>threshold %1: “%2” is not a number</source>
        <translation>阈值 %1：“%2”不是数字</translation>
    </message>
    <message>
        <source>threshold %1: write “VALUE COLOUR” (the first may be just a colour)</source>
        <translation>阈值 %1：请写成“值 颜色”（第一个可以只写颜色）</translation>
    </message>
    <message>
        <source>threshold %1: “%2” is not a colour</source>
        <translation>阈值 %1：“%2”不是颜色</translation>
    </message>
    <message>
        <source>threshold %1: values must increase</source>
        <translation>阈值 %1：值必须递增</translation>
    </message>
    <message>
        <source>Edit panel</source>
        <translation>编辑面板</translation>
    </message>
    <message>
        <source>Time series</source>
        <translation>时间序列</translation>
    </message>
    <message>
        <source>Stat</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Bar gauge</source>
        <translation>条形仪表盘</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Not supported (%1)</source>
        <translation>不支持（%1）</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>PromQL expression</source>
        <translation>PromQL 表达式</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>即时</translation>
    </message>
    <message>
        <source>Add query</source>
        <translation>添加查询</translation>
    </message>
    <message>
        <source>Remove query</source>
        <translation>移除查询</translation>
    </message>
    <message>
        <source>Queries ($variables, $__rate_interval and $__interval are substituted):</source>
        <translation>查询（会替换 $variables、$__rate_interval 和 $__interval）:</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>green, 80 orange, 90 red</source>
        <translation>green, 80 orange, 90 red</translation>
    </message>
    <message>
        <source>Stacked</source>
        <translation>堆叠</translation>
    </message>
    <message>
        <source>Step lines</source>
        <translation>阶梯线</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位:</translation>
    </message>
    <message>
        <source>Min / max:</source>
        <translation>最小值 / 最大值:</translation>
    </message>
    <message>
        <source>Decimals:</source>
        <translation>小数位数:</translation>
    </message>
    <message>
        <source>Thresholds:</source>
        <translation>阈值:</translation>
    </message>
    <message>
        <source>Fill:</source>
        <translation>填充:</translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation>线条:</translation>
    </message>
    <message>
        <source>Calculation:</source>
        <translation>计算方式:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本:</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelFrame</name>
    <message>
        <source>Drag to move the panel; drag the bottom-right corner to resize it</source>
        <translation>拖动以移动面板；拖动右下角以调整大小</translation>
    </message>
    <message>
        <source>Panel actions</source>
        <translation>面板操作</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Open in query console</source>
        <translation>在查询控制台中打开</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelTableModel</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>pharos::app::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>所有消息</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>错误和警告</translation>
    </message>
    <message>
        <source>Filter messages</source>
        <translation>筛选消息</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove every message from the list</source>
        <translation>从列表中移除所有消息</translation>
    </message>
</context>
<context>
    <name>pharos::app::ProblemsModel</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>pharos::app::QueryDock</name>
    <message>
        <source>Query Console</source>
        <translation>查询控制台</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>即时</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Instant query at the end time, or range query over the chosen range</source>
        <translation>在结束时间执行即时查询，或在所选范围内执行范围查询</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>步长:</translation>
    </message>
    <message>
        <source>Resolution step (Prometheus duration, e.g. 30s); empty: automatic from the chart width</source>
        <translation>分辨率步长（Prometheus 时长，例如 30s）；留空：根据图表宽度自动确定</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式化</translation>
    </message>
    <message>
        <source>Pretty-print the expression</source>
        <translation>格式化表达式</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the query (Ctrl+Enter)</source>
        <translation>运行查询 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PromQL expression, e.g. rate(node_cpu_seconds_total[5m]) — Ctrl+Space completes, Ctrl+Enter runs</source>
        <translation>PromQL 表达式，例如 rate(node_cpu_seconds_total[5m]) — Ctrl+Space 补全，Ctrl+Enter 运行</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>auto (%1)</source>
        <translation>自动 (%1)</translation>
    </message>
    <message>
        <source>Enter a PromQL expression.</source>
        <translation>请输入 PromQL 表达式。</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>未打开任何 TSDB。</translation>
    </message>
    <message>
        <source>Invalid step &apos;%1&apos;.</source>
        <translation>无效的步长“%1”。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Error.</source>
        <translation>错误。</translation>
    </message>
    <message>
        <source>String result</source>
        <translation>字符串结果</translation>
    </message>
    <message>
        <source>Scalar result</source>
        <translation>标量结果</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n 个序列</numerusform>
        </translation>
    </message>
    <message>
        <source>evaluated in %1 ms</source>
        <translation>耗时 %1 ms</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>步长 %1</translation>
    </message>
    <message numerus="yes">
        <source>History (%n)</source>
        <translation>
            <numerusform>历史记录 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::QueryResultModel</name>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>最新值</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
</context>
<context>
    <name>pharos::app::ReceiverEditor</name>
    <message>
        <source>&amp;Receiver:</source>
        <translation>接收器(&amp;R)：</translation>
    </message>
    <message>
        <source>Add receiver</source>
        <translation>添加接收器</translation>
    </message>
    <message>
        <source>Delete receiver</source>
        <translation>删除接收器</translation>
    </message>
    <message>
        <source>&amp;Integrations:</source>
        <translation>集成(&amp;I)：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add an integration of the chosen type</source>
        <translation>添加所选类型的集成</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>%1 (Alertmanager 0.%2+)</source>
        <translation>%1（Alertmanager 0.%2+）</translation>
    </message>
    <message>
        <source>Rename receiver %1 to %2</source>
        <translation>将接收器 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>Add receiver %1</source>
        <translation>添加接收器 %1</translation>
    </message>
    <message>
        <source>Cannot delete receiver %1: it is used by %2.</source>
        <translation>无法删除接收器 %1：它正被 %2 使用。</translation>
    </message>
    <message>
        <source>Delete receiver %1</source>
        <translation>删除接收器 %1</translation>
    </message>
    <message>
        <source>%1 needs Alertmanager 0.%2 or later; this configuration is checked against %3.</source>
        <translation>%1 需要 Alertmanager 0.%2 或更高版本；此配置是按 %3 进行检查的。</translation>
    </message>
    <message>
        <source>Add %1 integration to receiver %2</source>
        <translation>向接收器 %2 添加 %1 集成</translation>
    </message>
    <message>
        <source>Remove %1 integration %2 from receiver %3</source>
        <translation>从接收器 %3 移除 %1 集成 %2</translation>
    </message>
    <message>
        <source>Move %1 integration of receiver %2 up</source>
        <translation>上移接收器 %2 的 %1 集成</translation>
    </message>
    <message>
        <source>Move %1 integration of receiver %2 down</source>
        <translation>下移接收器 %2 的 %1 集成</translation>
    </message>
    <message>
        <source>Send resolved notifications from %1 integration of receiver %2</source>
        <translation>从接收器 %2 的 %1 集成发送已解决通知</translation>
    </message>
    <message>
        <source>Do not send resolved notifications from %1 integration of receiver %2</source>
        <translation>不从接收器 %2 的 %1 集成发送已解决通知</translation>
    </message>
    <message>
        <source>No integration is selected.</source>
        <translation>未选择集成。</translation>
    </message>
    <message>
        <source>%1 is not a field of %2 integrations in Alertmanager %3.</source>
        <translation>在 Alertmanager %3 中，%1 不是 %2 集成的字段。</translation>
    </message>
    <message>
        <source>%1 is a secret: enter it in its field so that it is kept out of the configuration.</source>
        <translation>%1 是机密：请在其专用字段中输入，以使其不写入配置。</translation>
    </message>
    <message>
        <source>%1 holds a secret in clear (%2); Pharos keeps secrets out of the configuration.</source>
        <translation>%1 以明文保存了机密（%2）；Pharos 会将机密保存在配置之外。</translation>
    </message>
    <message>
        <source>%1 holds a secret in clear (%2): use %3 with a file instead.</source>
        <translation>%1 以明文保存了机密（%2）：请改用 %3 并指定文件。</translation>
    </message>
    <message>
        <source>Unset %1 of %2 integration of receiver %3</source>
        <translation>取消设置接收器 %3 的 %2 集成的 %1</translation>
    </message>
    <message>
        <source>Set %1 of %2 integration of receiver %3</source>
        <translation>设置接收器 %3 的 %2 集成的 %1</translation>
    </message>
    <message>
        <source>%1 is not a secret field.</source>
        <translation>%1 不是机密字段。</translation>
    </message>
    <message>
        <source>No secret store is available: the secret was not saved.</source>
        <translation>没有可用的机密存储：机密未保存。</translation>
    </message>
    <message>
        <source>Remove %1 of %2 integration of receiver %3</source>
        <translation>移除接收器 %3 的 %2 集成的 %1</translation>
    </message>
    <message>
        <source>Cannot store the secret: %1</source>
        <translation>无法存储机密：%1</translation>
    </message>
    <message>
        <source>The integration changed before the secret was stored; enter it again.</source>
        <translation>在机密存储之前集成已发生更改；请重新输入。</translation>
    </message>
    <message>
        <source>the secret store</source>
        <translation>机密存储</translation>
    </message>
    <message>
        <source>Store %1 of %2 integration of receiver %3 in %4</source>
        <translation>将接收器 %3 的 %2 集成的 %1 存储到 %4</translation>
    </message>
    <message>
        <source>•••• stored in %1 (read from %2)</source>
        <translation>•••• 已存储在 %1 中（从 %2 读取）</translation>
    </message>
    <message>
        <source>•••• read from the file %1</source>
        <translation>•••• 从文件 %1 读取</translation>
    </message>
    <message>
        <source>•••• stored in %1</source>
        <translation>•••• 已存储在 %1 中</translation>
    </message>
    <message>
        <source>•••• masked by amtool; enter the value</source>
        <translation>•••• 已被 amtool 遮蔽；请输入值</translation>
    </message>
    <message>
        <source>•••• written in the configuration; enter it again to move it to %1</source>
        <translation>•••• 已写入配置；请重新输入以将其移至 %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source>Add an integration to say where notifications go.</source>
        <translation>添加集成以指定通知的发送位置。</translation>
    </message>
    <message>
        <source>No receiver selected.</source>
        <translation>未选择接收器。</translation>
    </message>
    <message>
        <source>%1 integration %2 (%3)</source>
        <translation>%1 集成 %2（%3）</translation>
    </message>
    <message>
        <source>Send resolved notifications</source>
        <translation>发送已解决通知</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>A secret: stored outside the configuration, never shown.</source>
        <translation>机密：存储在配置之外，从不显示。</translation>
    </message>
    <message>
        <source>Unset: taken from global %1.</source>
        <translation>未设置：取自全局 %1。</translation>
    </message>
    <message>
        <source>Partly checked: not set (the default applies).</source>
        <translation>部分选中：未设置（使用默认值）。</translation>
    </message>
    <message>
        <source>YAML; applied when the box loses focus.</source>
        <translation>YAML；在输入框失去焦点时应用。</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>from global %1: %2</source>
        <translation>来自全局 %1：%2</translation>
    </message>
    <message>
        <source>from global %1 (not set there)</source>
        <translation>来自全局 %1（该处未设置）</translation>
    </message>
    <message>
        <source>storing in %1…</source>
        <translation>正在存储到 %1…</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>%1 integration %2 has no settings yet; it needs %3.</source>
        <translation>%1 集成 %2 尚无设置；它需要 %3。</translation>
    </message>
    <message>
        <source>✓ The configuration loads in Alertmanager %1.</source>
        <translation>✓ 该配置可在 Alertmanager %1 中加载。</translation>
    </message>
    <message>
        <source>Alertmanager %1: %2</source>
        <translation>Alertmanager %1：%2</translation>
    </message>
    <message>
        <source>the root route</source>
        <translation>根路由</translation>
    </message>
    <message>
        <source>route %1</source>
        <translation>路由 %1</translation>
    </message>
    <message>
        <source>A receiver needs a name.</source>
        <translation>接收器需要名称。</translation>
    </message>
    <message>
        <source>The name must not start or end with spaces.</source>
        <translation>名称不能以空格开头或结尾。</translation>
    </message>
    <message>
        <source>A receiver called &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的接收器已存在。</translation>
    </message>
    <message>
        <source>The secret was not saved: %1</source>
        <translation>密钥未保存：%1</translation>
    </message>
</context>
<context>
    <name>pharos::app::ReceiverLoadModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Time zone of night, weekend and peak hour (the receiver&apos;s located time interval, else the view&apos;s zone)</source>
        <translation>夜间、周末和高峰小时使用的时区（取接收器时间区间的 location，否则取视图的时区）</translation>
    </message>
    <message>
        <source>Notifications per day over the simulated range</source>
        <translation>模拟范围内每天的通知数</translation>
    </message>
    <message>
        <source>Most notifications within one clock hour</source>
        <translation>单个整点小时内的最多通知数</translation>
    </message>
    <message>
        <source>Notifications between 22:00 and 07:00 local time</source>
        <translation>当地时间 22:00 至 07:00 之间的通知数</translation>
    </message>
    <message>
        <source>Notifications on Saturday or Sunday local time</source>
        <translation>当地时间周六或周日的通知数</translation>
    </message>
    <message>
        <source>Mean time from an alert&apos;s start to its first notification</source>
        <translation>从告警开始到首次通知的平均时间</translation>
    </message>
    <message>
        <source>Alerts held back by inhibition, silences or time intervals, per flush</source>
        <translation>每次 flush 中因抑制、静默或时间区间而被拦下的告警数</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Peak / hour</source>
        <translation>峰值 / 小时</translation>
    </message>
    <message>
        <source>At night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>On weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Time to first</source>
        <translation>首次通知耗时</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>已压制</translation>
    </message>
</context>
<context>
    <name>pharos::app::RelabelPlayground</name>
    <message>
        <source>unexpected &apos;{&apos;</source>
        <translation>意外的 &apos;{&apos;</translation>
    </message>
    <message>
        <source>unexpected &apos;}&apos;</source>
        <translation>意外的 &apos;}&apos;</translation>
    </message>
    <message>
        <source>expected name=value</source>
        <translation>应为 name=value</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot;</source>
        <translation>标签名 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <source>unterminated quoted value for &quot;%1&quot;</source>
        <translation>&quot;%1&quot; 的引号值未结束</translation>
    </message>
    <message>
        <source>missing &apos;}&apos;</source>
        <translation>缺少 &apos;}&apos;</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>relabel_configs: %1:%2: %3</source>
        <translation>relabel_configs：%1:%2：%3</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>未执行到</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>结果：%1</translation>
    </message>
    <message>
        <source>The label set is dropped.</source>
        <translation>该标签集被丢弃。</translation>
    </message>
    <message>
        <source>Labels (a=&quot;1&quot;, b=&quot;2&quot; or one name=value per line):</source>
        <translation>标签（a=&quot;1&quot;, b=&quot;2&quot; 或每行一个 name=value）：</translation>
    </message>
    <message>
        <source>relabel_configs (YAML):</source>
        <translation>relabel_configs（YAML）：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Labels after the step</source>
        <translation>该步骤后的标签</translation>
    </message>
</context>
<context>
    <name>pharos::app::RoutingDock</name>
    <message>
        <source>missing closing &apos;}&apos;</source>
        <translation>缺少右花括号 &apos;}&apos;</translation>
    </message>
    <message>
        <source>expected name=value at column %1</source>
        <translation>第 %1 列应为 name=value</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot; at column %2</source>
        <translation>第 %2 列的标签名 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <source>unterminated quoted value for &quot;%1&quot;</source>
        <translation>&quot;%1&quot; 的引号值未结束</translation>
    </message>
    <message>
        <source>no labels given</source>
        <translation>未提供标签</translation>
    </message>
    <message>
        <source>Unsaved routing changes</source>
        <translation>未保存的路由更改</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to %1?</source>
        <translation>放弃对 %1 的未保存更改？</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Scale the route graph to fit the view</source>
        <translation>缩放路由图以适应视图</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Write the edited routing back to the workspace document (Ctrl+S)</source>
        <translation>将编辑后的路由写回工作区文档 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save Routing</source>
        <translation>保存路由</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>接收者：</translation>
    </message>
    <message>
        <source>Matchers:</source>
        <translation>匹配器：</translation>
    </message>
    <message>
        <source>severity=&quot;critical&quot;, team=~&quot;web|api&quot;</source>
        <translation>severity=&quot;critical&quot;, team=~&quot;web|api&quot;</translation>
    </message>
    <message>
        <source>empty: inherited from the parent</source>
        <translation>留空：继承自父路由</translation>
    </message>
    <message>
        <source>Add Child</source>
        <translation>添加子路由</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Toggle Continue</source>
        <translation>切换 continue</translation>
    </message>
    <message>
        <source>Test alert:</source>
        <translation>测试告警：</translation>
    </message>
    <message>
        <source>{severity=&quot;critical&quot;, team=&quot;web&quot;} or severity=critical team=web</source>
        <translation>{severity=&quot;critical&quot;, team=&quot;web&quot;} 或 severity=critical team=web</translation>
    </message>
    <message>
        <source>At:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收者</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Group key</source>
        <translation>分组键</translation>
    </message>
    <message>
        <source>group_wait</source>
        <translation>group_wait</translation>
    </message>
    <message>
        <source>group_interval</source>
        <translation>group_interval</translation>
    </message>
    <message>
        <source>repeat_interval</source>
        <translation>repeat_interval</translation>
    </message>
    <message>
        <source>Muted at time</source>
        <translation>该时间是否静音</translation>
    </message>
    <message>
        <source>This workspace has no routing configuration.</source>
        <translation>此工作区没有路由配置。</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>未打开工作区。</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n receiver(s)</source>
        <translation>
            <numerusform>%1：%n 个接收者</numerusform>
        </translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>(inherited)</source>
        <translation>（继承）</translation>
    </message>
    <message>
        <source>root route</source>
        <translation>根路由</translation>
    </message>
    <message>
        <source>(matches every alert)</source>
        <translation>（匹配所有告警）</translation>
    </message>
    <message>
        <source>(no integrations)</source>
        <translation>（无集成）</translation>
    </message>
    <message>
        <source>Select a route in the graph.</source>
        <translation>请在图中选择一个路由。</translation>
    </message>
    <message>
        <source>Effective settings</source>
        <translation>生效设置</translation>
    </message>
    <message>
        <source>route key</source>
        <translation>路由键</translation>
    </message>
    <message>
        <source>Test alert: %1</source>
        <translation>测试告警：%1</translation>
    </message>
    <message>
        <source>muted by %1</source>
        <translation>被 %1 静音</translation>
    </message>
    <message>
        <source>outside %1</source>
        <translation>不在 %1 内</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>inhibit rule %1 (while an alert matching %2 fires with equal %3)</source>
        <translation>抑制规则 %1（当匹配 %2 的告警触发且 %3 相同时）</translation>
    </message>
    <message numerus="yes">
        <source>%n matching route(s) for %1.</source>
        <translation>
            <numerusform>%1 匹配 %n 个路由。</numerusform>
        </translation>
    </message>
    <message>
        <source>Can be inhibited by: %1</source>
        <translation>可能被以下规则抑制：%1</translation>
    </message>
    <message>
        <source>Add child route</source>
        <translation>添加子路由</translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation>删除路由</translation>
    </message>
    <message>
        <source>Toggle continue</source>
        <translation>切换 continue</translation>
    </message>
    <message>
        <source>the root route needs a receiver</source>
        <translation>根路由需要一个接收者</translation>
    </message>
    <message>
        <source>undefined receiver &quot;%1&quot;</source>
        <translation>未定义的接收者 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the root route cannot have matchers</source>
        <translation>根路由不能有匹配器</translation>
    </message>
    <message>
        <source>Set receiver</source>
        <translation>设置接收者</translation>
    </message>
    <message>
        <source>Set matchers</source>
        <translation>设置匹配器</translation>
    </message>
    <message>
        <source>The workspace is open read-only; the routing cannot be saved.</source>
        <translation>工作区以只读方式打开；无法保存路由。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Add Sibling</source>
        <translation>添加同级</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Routes are tried in order: move the route before its previous sibling</source>
        <translation>路由按顺序匹配：将此路由移到前一个同级路由之前</translation>
    </message>
    <message>
        <source>Move the route after its next sibling</source>
        <translation>将此路由移到下一个同级路由之后</translation>
    </message>
    <message>
        <source>Add a route below the selected one (or drag a route onto another to re-parent it)</source>
        <translation>在所选路由下添加一个路由（或将路由拖到另一个路由上以更改其父级）</translation>
    </message>
    <message>
        <source>Label names separated by commas, or ... to group by all labels; press Enter to apply</source>
        <translation>以逗号分隔的标签名，或用 ... 按所有标签分组；按 Enter 应用</translation>
    </message>
    <message>
        <source>A duration such as 30s, 5m or 4h; press Enter to apply</source>
        <translation>时长，例如 30s、5m 或 4h；按 Enter 应用</translation>
    </message>
    <message>
        <source>Time interval names separated by commas; press Enter to apply</source>
        <translation>以逗号分隔的时间区间名称；按 Enter 应用</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>inherited: %1</source>
        <translation>继承：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Add sibling route</source>
        <translation>添加同级路由</translation>
    </message>
    <message>
        <source>Move route up</source>
        <translation>上移路由</translation>
    </message>
    <message>
        <source>Move route down</source>
        <translation>下移路由</translation>
    </message>
    <message>
        <source>Move route</source>
        <translation>移动路由</translation>
    </message>
    <message>
        <source>A route cannot be moved into its own subtree.</source>
        <translation>路由不能移动到其自身的子树中。</translation>
    </message>
    <message>
        <source>cannot have wildcard group_by (`...`) and other labels at the same time</source>
        <translation>不能同时使用通配符 group_by（`...`）和其他标签</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot; in group_by list</source>
        <translation>group_by 列表中的标签名 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <source>duplicated label &quot;%1&quot; in group_by</source>
        <translation>group_by 中的标签 &quot;%1&quot; 重复</translation>
    </message>
    <message>
        <source>group_interval cannot be zero</source>
        <translation>group_interval 不能为零</translation>
    </message>
    <message>
        <source>repeat_interval cannot be zero</source>
        <translation>repeat_interval 不能为零</translation>
    </message>
    <message>
        <source>root route must not have any mute time intervals</source>
        <translation>根路由不能设置任何 mute_time_intervals</translation>
    </message>
    <message>
        <source>root route must not have any active time intervals</source>
        <translation>根路由不能设置任何 active_time_intervals</translation>
    </message>
    <message>
        <source>undefined time interval &quot;%1&quot; used in route</source>
        <translation>路由中使用了未定义的时间区间 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>设置 %1</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>Inhibition</source>
        <translation>抑制</translation>
    </message>
    <message>
        <source>Time Intervals</source>
        <translation>时间区间</translation>
    </message>
    <message>
        <source>Silences</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import an alertmanager.yml as a new routing configuration (fields Pharos does not edit are kept; inline secrets move to the keychain)</source>
        <translation>将 alertmanager.yml 导入为新的路由配置（Pharos 不编辑的字段会被保留；内联机密将移至钥匙串）</translation>
    </message>
    <message>
        <source>Import Routing from File…</source>
        <translation>从文件导入路由…</translation>
    </message>
    <message>
        <source>No alertmanager*.yml in the export folder %1</source>
        <translation>导出文件夹 %1 中没有 alertmanager*.yml</translation>
    </message>
    <message>
        <source>From the export folder %1:</source>
        <translation>来自导出文件夹 %1：</translation>
    </message>
    <message>
        <source>Import Alertmanager Configuration</source>
        <translation>导入 Alertmanager 配置</translation>
    </message>
    <message>
        <source>Alertmanager configuration (*.yml *.yaml);;All files (*)</source>
        <translation>Alertmanager 配置 (*.yml *.yaml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Name of the routing configuration in the workspace:</source>
        <translation>工作区中路由配置的名称：</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message>
        <source>A routing configuration named %1 exists and has unsaved changes here. Replace it with %2 and discard the changes?</source>
        <translation>名为 %1 的路由配置已存在，且此处有未保存的更改。要用 %2 替换它并放弃这些更改吗？</translation>
    </message>
    <message>
        <source>A routing configuration named %1 exists. Replace it with %2?</source>
        <translation>名为 %1 的路由配置已存在。要用 %2 替换它吗？</translation>
    </message>
    <message>
        <source>Replace Routing Configuration</source>
        <translation>替换路由配置</translation>
    </message>
    <message>
        <source>Not imported: %1 was kept.</source>
        <translation>未导入：已保留 %1。</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Imported %1 as %2 (replaced).</source>
        <translation>已将 %1 导入为 %2（已替换）。</translation>
    </message>
    <message>
        <source>Imported %1 as %2.</source>
        <translation>已将 %1 导入为 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n inline secret(s) moved to %1; the configuration now reads them from files or placeholders.</source>
        <translation>
            <numerusform>%n 个内联机密已移至 %1；配置现在从文件或占位符读取它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>From Simulation</source>
        <translation>来自模拟</translation>
    </message>
    <message>
        <source>Pick an alert of the last simulation (the rules&apos; backtest or the alert list) as the test alert</source>
        <translation>选取上次模拟中的一个告警（规则回测或告警列表）作为测试告警</translation>
    </message>
</context>
<context>
    <name>pharos::app::RowHeader</name>
    <message numerus="yes">
        <source>(%n panel(s))</source>
        <translation>
            <numerusform>（%n 个面板）</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to expand the row</source>
        <translation>点击展开该行</translation>
    </message>
    <message>
        <source>Click to collapse the row</source>
        <translation>点击折叠该行</translation>
    </message>
    <message>
        <source>Rename row…</source>
        <translation>重命名行…</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>移除行</translation>
    </message>
</context>
<context>
    <name>pharos::app::RuleBuilderWidget</name>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Divide by a second query (ratio)</source>
        <translation>除以第二个查询（比率）</translation>
    </message>
    <message>
        <source>For example errors divided by all requests</source>
        <translation>例如错误数除以全部请求数</translation>
    </message>
    <message>
        <source>Multiply by 100 (percent)</source>
        <translation>乘以 100（百分比）</translation>
    </message>
    <message>
        <source>Divided by</source>
        <translation>除以</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>none (no comparison)</source>
        <translation>无（不比较）</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>PromQL:</source>
        <translation>PromQL：</translation>
    </message>
    <message>
        <source>Divided by: %1</source>
        <translation>除以：%1</translation>
    </message>
    <message>
        <source>Threshold: &quot;%1&quot; is not a number</source>
        <translation>阈值：&quot;%1&quot; 不是数字</translation>
    </message>
    <message>
        <source>(incomplete)</source>
        <translation>（不完整）</translation>
    </message>
    <message>
        <source>The expression does not parse: %1</source>
        <translation>表达式无法解析：%1</translation>
    </message>
    <message>
        <source>Edit it in PromQL mode: the text stays the source of truth, and the builder comes back when the expression has a shape it can show.</source>
        <translation>请在 PromQL 模式下编辑：文本始终是唯一可信来源，当表达式变为构建器可显示的形式时，构建器会重新出现。</translation>
    </message>
    <message>
        <source>The builder cannot show this expression: it uses %1.</source>
        <translation>构建器无法显示此表达式：它使用了%1。</translation>
    </message>
</context>
<context>
    <name>pharos::app::RuleEditorView</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>0s</source>
        <translation>0s</translation>
    </message>
    <message>
        <source>Keep firing for</source>
        <translation>保持触发时长</translation>
    </message>
    <message>
        <source>For</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注解</translation>
    </message>
    <message>
        <source>Preview over</source>
        <translation>预览范围</translation>
    </message>
    <message>
        <source>last 6 hours</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <source>last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>last 2 days</source>
        <translation>最近 2 天</translation>
    </message>
    <message>
        <source>What if: firings by threshold and for</source>
        <translation>假设分析：按阈值和 for 统计的触发次数</translation>
    </message>
    <message>
        <source>Click a cell to use its threshold and for</source>
        <translation>点击单元格以使用其阈值和 for</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>每 %1</translation>
    </message>
    <message>
        <source>every 1m (default)</source>
        <translation>每 1m（默认）</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>A rule needs a name.</source>
        <translation>规则必须有名称。</translation>
    </message>
    <message>
        <source>Rename rule</source>
        <translation>重命名规则</translation>
    </message>
    <message>
        <source>Edit expression</source>
        <translation>编辑表达式</translation>
    </message>
    <message>
        <source>%1: not a duration (%2); use e.g. 30s, 5m, 1h30m</source>
        <translation>%1：不是有效的时长（%2）；请使用如 30s、5m、1h30m 的格式</translation>
    </message>
    <message>
        <source>Change keep_firing_for</source>
        <translation>更改 keep_firing_for</translation>
    </message>
    <message>
        <source>Change for</source>
        <translation>更改 for</translation>
    </message>
    <message>
        <source>Edit annotations</source>
        <translation>编辑注解</translation>
    </message>
    <message>
        <source>Edit labels</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <source>Apply what-if threshold and for</source>
        <translation>应用假设分析的阈值和 for</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>未打开 TSDB。</translation>
    </message>
    <message>
        <source>Backtesting…</source>
        <translation>正在回测…</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>持续 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n firing(s), %1 firing in total</source>
        <translation>
            <numerusform>%n 次触发，累计触发 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Select a rule.</source>
        <translation>请选择一条规则。</translation>
    </message>
    <message>
        <source>Recording rule: the chart shows its expression.</source>
        <translation>记录规则：图表显示其表达式。</translation>
    </message>
    <message numerus="yes">
        <source>%n firing(s)</source>
        <translation>
            <numerusform>%n 次触发</numerusform>
        </translation>
    </message>
    <message>
        <source>firing for %1 in total</source>
        <translation>累计触发 %1</translation>
    </message>
    <message>
        <source>longest %1</source>
        <translation>最长 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n flap(s)</source>
        <translation>
            <numerusform>%n 次抖动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series would fire</source>
        <translation>
            <numerusform>%n 个序列将触发</numerusform>
        </translation>
    </message>
    <message>
        <source>Builder</source>
        <translation>构建器</translation>
    </message>
    <message>
        <source>Build the expression from a metric, filters, a function and a threshold</source>
        <translation>由指标、过滤条件、函数和阈值构建表达式</translation>
    </message>
    <message>
        <source>PromQL</source>
        <translation>PromQL</translation>
    </message>
    <message>
        <source>Edit the expression as PromQL text</source>
        <translation>以 PromQL 文本编辑表达式</translation>
    </message>
    <message>
        <source>Edit expression in the builder</source>
        <translation>在构建器中编辑表达式</translation>
    </message>
    <message>
        <source>Add Group</source>
        <translation>添加组</translation>
    </message>
    <message>
        <source>Add a rule group at the end of the file</source>
        <translation>在文件末尾添加一个规则组</translation>
    </message>
    <message>
        <source>Add Alert</source>
        <translation>添加告警</translation>
    </message>
    <message>
        <source>Add an alerting rule to the selected group</source>
        <translation>向所选组添加一条告警规则</translation>
    </message>
    <message>
        <source>Add Recording Rule</source>
        <translation>添加记录规则</translation>
    </message>
    <message>
        <source>Add a recording rule to the selected group</source>
        <translation>向所选组添加一条记录规则</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Duplicate the selected rule</source>
        <translation>复制所选规则</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected rule, or the selected group with its rules</source>
        <translation>删除所选规则，或删除所选组及其全部规则</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected rule up (into the previous group at the top)</source>
        <translation>上移所选规则（位于顶部时移入上一个组）</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected rule down (into the next group at the bottom)</source>
        <translation>下移所选规则（位于底部时移入下一个组）</translation>
    </message>
    <message>
        <source>Template Library…</source>
        <translation>模板库…</translation>
    </message>
    <message>
        <source>Insert rules from the template library into the selected group</source>
        <translation>从模板库向所选组插入规则</translation>
    </message>
    <message>
        <source>Freeze as Test…</source>
        <translation>冻结为测试…</translation>
    </message>
    <message>
        <source>Write a promtool unit test of the selected alert from the recorded data of the preview window</source>
        <translation>根据预览时间窗口内的已记录数据，为所选告警编写 promtool 单元测试</translation>
    </message>
    <message>
        <source>Select an alerting rule to freeze.</source>
        <translation>请选择要冻结的告警规则。</translation>
    </message>
    <message>
        <source>Freeze as promtool Test</source>
        <translation>冻结为 promtool 测试</translation>
    </message>
    <message>
        <source>Rule tests (*.yml *.yaml)</source>
        <translation>规则测试 (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>global evaluation_interval</source>
        <translation>全局 evaluation_interval</translation>
    </message>
    <message>
        <source>global rule_query_offset</source>
        <translation>全局 rule_query_offset</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Query offset</source>
        <translation>查询偏移</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>组需要一个名称。</translation>
    </message>
    <message>
        <source>A group named &quot;%1&quot; already exists in this file.</source>
        <translation>此文件中已存在名为“%1”的组。</translation>
    </message>
    <message>
        <source>Add group %1</source>
        <translation>添加组 %1</translation>
    </message>
    <message>
        <source>Rename group to %1</source>
        <translation>将组重命名为 %1</translation>
    </message>
    <message>
        <source>The interval must be greater than zero.</source>
        <translation>间隔必须大于零。</translation>
    </message>
    <message>
        <source>Invalid interval: %1</source>
        <translation>无效的间隔：%1</translation>
    </message>
    <message>
        <source>Set group interval</source>
        <translation>设置组间隔</translation>
    </message>
    <message>
        <source>Invalid query offset: %1</source>
        <translation>无效的查询偏移：%1</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>为负数</translation>
    </message>
    <message>
        <source>Set group query offset</source>
        <translation>设置组查询偏移</translation>
    </message>
    <message>
        <source>The limit cannot be negative.</source>
        <translation>限制不能为负数。</translation>
    </message>
    <message>
        <source>Set group limit</source>
        <translation>设置组限制</translation>
    </message>
    <message>
        <source>Select a group to delete.</source>
        <translation>请选择要删除的组。</translation>
    </message>
    <message>
        <source>Delete group %1</source>
        <translation>删除组 %1</translation>
    </message>
    <message>
        <source>Add a group first.</source>
        <translation>请先添加一个组。</translation>
    </message>
    <message>
        <source>Add alerting rule</source>
        <translation>添加告警规则</translation>
    </message>
    <message>
        <source>Add recording rule</source>
        <translation>添加记录规则</translation>
    </message>
    <message>
        <source>Select a rule to duplicate.</source>
        <translation>请选择要复制的规则。</translation>
    </message>
    <message>
        <source>Duplicate rule</source>
        <translation>复制规则</translation>
    </message>
    <message>
        <source>Select a rule to delete.</source>
        <translation>请选择要删除的规则。</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Select a rule to move.</source>
        <translation>请选择要移动的规则。</translation>
    </message>
    <message>
        <source>Move rule</source>
        <translation>移动规则</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n rule(s) from the template library</source>
        <translation>
            <numerusform>从模板库插入 %n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 input series, %2 evaluation times (%3 expecting alerts); rules in %4</source>
        <translation>%1 个输入序列，%2 个评估时间点（其中 %3 个预期有告警）；规则位于 %4</translation>
    </message>
    <message>
        <source>team=web, tier=&quot;1&quot;</source>
        <translation>team=web, tier=&quot;1&quot;</translation>
    </message>
    <message>
        <source>Labels added to every rule&apos;s result (Prometheus 3 group labels)</source>
        <translation>添加到每条规则结果上的标签（Prometheus 3 组标签）</translation>
    </message>
    <message>
        <source>Set threshold</source>
        <translation>设置阈值</translation>
    </message>
    <message>
        <source>Expected name=value at column %1.</source>
        <translation>第 %1 列处应为 name=value。</translation>
    </message>
    <message>
        <source>Unterminated quoted value for &quot;%1&quot;.</source>
        <translation>“%1”的带引号值未结束。</translation>
    </message>
    <message>
        <source>Invalid label name &quot;%1&quot;.</source>
        <translation>无效的标签名“%1”。</translation>
    </message>
    <message>
        <source>Label &quot;%1&quot; is given twice.</source>
        <translation>标签“%1”重复出现。</translation>
    </message>
    <message>
        <source>Set group labels</source>
        <translation>设置组标签</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>Disable the selected rule (kept as a comment, not exported as a rule, not evaluated, backtested or simulated), or enable it again</source>
        <translation>禁用所选规则（保留为注释，不作为规则导出，不评估、不回测、不模拟），或重新启用它</translation>
    </message>
    <message>
        <source>Select a rule to enable or disable.</source>
        <translation>请选择要启用或禁用的规则。</translation>
    </message>
    <message>
        <source>Disabled: exported as a comment, not evaluated.</source>
        <translation>已禁用：作为注释导出，不评估。</translation>
    </message>
    <message>
        <source>alert, disabled</source>
        <translation>告警，已禁用</translation>
    </message>
    <message>
        <source>record, disabled</source>
        <translation>记录，已禁用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled rule, previewed as if enabled:</source>
        <translation>已禁用的规则，按启用时的情况预览：</translation>
    </message>
    <message>
        <source>Enable rule</source>
        <translation>启用规则</translation>
    </message>
    <message>
        <source>Disable rule</source>
        <translation>禁用规则</translation>
    </message>
</context>
<context>
    <name>pharos::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The interface switches language at once; messages already in the Problems list keep the language they were written in.</source>
        <translation>界面会立即切换语言；“问题”列表中已有的消息保持其写入时的语言。</translation>
    </message>
</context>
<context>
    <name>pharos::app::SilenceEditor</name>
    <message>
        <source>Filter by matcher, creator or comment</source>
        <translation>按匹配器、创建者或备注筛选</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>New silence</source>
        <translation>新建静默</translation>
    </message>
    <message>
        <source>Expire</source>
        <translation>使过期</translation>
    </message>
    <message>
        <source>Matchers:</source>
        <translation>匹配器：</translation>
    </message>
    <message>
        <source>alertname=&quot;HighLatency&quot;, env=~&quot;prod.*&quot;</source>
        <translation>alertname=&quot;HighLatency&quot;, env=~&quot;prod.*&quot;</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <source>or duration:</source>
        <translation>或时长：</translation>
    </message>
    <message>
        <source>2h</source>
        <translation>2h</translation>
    </message>
    <message>
        <source>Created by:</source>
        <translation>创建者：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Save silence</source>
        <translation>保存静默</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Matchers</source>
        <translation>匹配器</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建者</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Alert labels</source>
        <translation>告警标签</translation>
    </message>
    <message>
        <source>At now</source>
        <translation>此刻</translation>
    </message>
    <message>
        <source>Cannot read the silences of %1: %2</source>
        <translation>无法读取 %1 的静默：%2</translation>
    </message>
    <message>
        <source>The workspace is read-only: silences are not saved.</source>
        <translation>工作区为只读：静默不会被保存。</translation>
    </message>
    <message>
        <source>Cannot save silences: %1</source>
        <translation>无法保存静默：%1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Create silence</source>
        <translation>创建静默</translation>
    </message>
    <message>
        <source>Update silence</source>
        <translation>更新静默</translation>
    </message>
    <message>
        <source>the duration must be positive</source>
        <translation>时长必须为正数</translation>
    </message>
    <message>
        <source>Preview: enter valid matchers to see the alerts they select.</source>
        <translation>预览：输入有效的匹配器以查看其选中的告警。</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>not firing</source>
        <translation>未触发</translation>
    </message>
    <message>
        <source>Preview: matches %1 of %2 alerts.</source>
        <translation>预览：匹配 %2 条告警中的 %1 条。</translation>
    </message>
    <message>
        <source>Edit silence %1</source>
        <translation>编辑静默 %1</translation>
    </message>
    <message>
        <source>Add silence %1</source>
        <translation>添加静默 %1</translation>
    </message>
    <message>
        <source>Expire silence %1</source>
        <translation>使静默 %1 过期</translation>
    </message>
</context>
<context>
    <name>pharos::app::SimulationView</name>
    <message>
        <source>Alert list</source>
        <translation>告警列表</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>Routing (A):</source>
        <translation>路由 (A)：</translation>
    </message>
    <message>
        <source>Compare with (B):</source>
        <translation>对比对象 (B)：</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>告警：</translation>
    </message>
    <message>
        <source>Workspace rules over recorded data</source>
        <translation>基于已记录数据的工作区规则</translation>
    </message>
    <message>
        <source>Alert list file (JSON)</source>
        <translation>告警列表文件 (JSON)</translation>
    </message>
    <message numerus="yes">
        <source>Given alert list (%n alert(s))</source>
        <translation>
            <numerusform>指定的告警列表（%n 条告警）</numerusform>
        </translation>
    </message>
    <message>
        <source>alerts.json — Alertmanager API shape: labels, annotations, startsAt, endsAt</source>
        <translation>alerts.json — Alertmanager API 格式：labels、annotations、startsAt、endsAt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Whole list</source>
        <translation>整个列表</translation>
    </message>
    <message>
        <source>Simulate the alert list over its own time span</source>
        <translation>在告警列表自身的时间跨度内进行模拟</translation>
    </message>
    <message>
        <source>Zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <source>Time zone of night and weekend counts for receivers whose routes use no located time interval</source>
        <translation>对于路由未使用带 location 时间区间的接收器，统计夜间和周末通知时所用的时区</translation>
    </message>
    <message>
        <source>Simulate</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>Route the alerts and simulate the notifications (runs in the background)</source>
        <translation>对告警进行路由并模拟通知（在后台运行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Timeline of:</source>
        <translation>时间线：</translation>
    </message>
    <message>
        <source>A (routing)</source>
        <translation>A（路由）</translation>
    </message>
    <message>
        <source>B (compared)</source>
        <translation>B（对比）</translation>
    </message>
    <message>
        <source>first</source>
        <translation>首次</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>已压制</translation>
    </message>
    <message>
        <source>Pager load</source>
        <translation>呼叫负载</translation>
    </message>
    <message>
        <source>Noisiest</source>
        <translation>最嘈杂</translation>
    </message>
    <message>
        <source>Compare A / B</source>
        <translation>对比 A / B</translation>
    </message>
    <message>
        <source>Message preview</source>
        <translation>消息预览</translation>
    </message>
    <message>
        <source>Click a notification marker on the timeline to see the message its receiver&apos;s template renders.</source>
        <translation>点击时间线上的通知标记，查看其接收器模板渲染出的消息。</translation>
    </message>
    <message>
        <source>Current edit</source>
        <translation>当前编辑</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>current edit</source>
        <translation>当前编辑</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>未打开工作区。</translation>
    </message>
    <message>
        <source>This workspace has no routing configuration.</source>
        <translation>此工作区没有路由配置。</translation>
    </message>
    <message>
        <source>The range is empty: its end must be after its start.</source>
        <translation>范围为空：结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Choose an alert list file.</source>
        <translation>请选择告警列表文件。</translation>
    </message>
    <message>
        <source>This workspace has no rule files.</source>
        <translation>此工作区没有规则文件。</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>未打开 TSDB。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Simulation failed: %1</source>
        <translation>模拟失败：%1</translation>
    </message>
    <message>
        <source>Choose a configuration under &quot;Compare with (B)&quot; to compare pages per receiver.</source>
        <translation>请在 &quot;对比对象 (B)&quot; 下选择一个配置，以按接收器对比呼叫数。</translation>
    </message>
    <message>
        <source>Both configurations send the same number of notifications to every receiver.</source>
        <translation>两套配置向每个接收器发送的通知数量相同。</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s), </source>
        <translation>
            <numerusform>%n 条告警，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s), </source>
        <translation>
            <numerusform>%n 条通知，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suppression(s) from %1 to %2</source>
        <translation>
            <numerusform>%n 次压制，时间 %1 至 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) backtested</source>
        <translation>
            <numerusform>已回测 %n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <source>B sends %1</source>
        <translation>B 发送 %1</translation>
    </message>
    <message>
        <source>templates: %1</source>
        <translation>模板：%1</translation>
    </message>
    <message>
        <source>Rule error: %1</source>
        <translation>规则错误：%1</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 至 %2（%3）</translation>
    </message>
    <message>
        <source>At %1
Group %2
Firing: %3, resolved: %4
</source>
        <translation>时间 %1
分组 %2
触发中：%3，已解决：%4
</translation>
    </message>
    <message>
        <source>Cannot render the message: %1</source>
        <translation>无法渲染消息：%1</translation>
    </message>
    <message>
        <source>Receiver %1 has no integrations: Alertmanager sends nothing.</source>
        <translation>接收器 %1 没有任何集成：Alertmanager 不会发送任何内容。</translation>
    </message>
    <message>
        <source>Suppressed notification for %1</source>
        <translation>%1 的已压制通知</translation>
    </message>
    <message>
        <source>inhibited</source>
        <translation>已抑制</translation>
    </message>
    <message>
        <source>silenced</source>
        <translation>已静默</translation>
    </message>
    <message>
        <source>muted by a time interval</source>
        <translation>被时间区间屏蔽</translation>
    </message>
    <message>
        <source>outside its active time interval</source>
        <translation>不在其活动时间区间内</translation>
    </message>
    <message>
        <source>At %1
Alert %2
Group %3
Reason: %4 (%5)
</source>
        <translation>时间 %1
告警 %2
分组 %3
原因：%4（%5）
</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>%1
From %2
Until %3
</source>
        <translation>%1
开始 %2
结束 %3
</translation>
    </message>
    <message>
        <source>still firing</source>
        <translation>仍在触发</translation>
    </message>
    <message numerus="yes">
        <source>In %n notification(s) while firing.</source>
        <translation>
            <numerusform>触发期间出现在 %n 条通知中。</numerusform>
        </translation>
    </message>
    <message>
        <source>A second configuration simulated over the same alerts, e.g. the last export or the saved document against the current edit</source>
        <translation>在相同告警上模拟的第二份配置，例如上次导出或已保存的文档，用于与当前编辑进行对比</translation>
    </message>
    <message>
        <source>night (22:00–07:00)</source>
        <translation>夜间（22:00–07:00）</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Lanes are shaded where it is night (22:00–07:00) or weekend in the receiver&apos;s zone: the hours counted as night and weekend pages</source>
        <translation>泳道中处于接收器时区的夜间（22:00–07:00）或周末的时段以阴影标出：这些时段内的呼叫计为夜间和周末呼叫</translation>
    </message>
    <message>
        <source>Last export (%1)</source>
        <translation>上次导出（%1）</translation>
    </message>
    <message>
        <source>Last export (%1, commit %2)</source>
        <translation>上次导出（%1，提交 %2）</translation>
    </message>
    <message>
        <source>What was last exported from %1 (the deployed routing)</source>
        <translation>上次从 %1 导出的内容（已部署的路由）</translation>
    </message>
    <message>
        <source>last export</source>
        <translation>上次导出</translation>
    </message>
</context>
<context>
    <name>pharos::app::StatPanel</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>pharos::app::TablePanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>pharos::app::TargetsDock</name>
    <message>
        <source>No workspace open.</source>
        <translation>未打开工作区。</translation>
    </message>
    <message>
        <source>The workspace is open read-only; scraping would write to its TSDB.</source>
        <translation>工作区以只读方式打开；抓取需要写入其 TSDB。</translation>
    </message>
    <message>
        <source>The workspace has no prometheus.yml.</source>
        <translation>工作区没有 prometheus.yml。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Stopping (writing staleness markers)…</source>
        <translation>正在停止（写入陈旧标记）…</translation>
    </message>
    <message>
        <source>Scraping %1 into the workspace TSDB: %2 targets, %3 up.</source>
        <translation>正在将 %1 抓取到工作区 TSDB：%2 个目标，%3 个正常。</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>作业 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Job %1: %n target(s) dropped by relabeling</source>
        <translation>
            <numerusform>作业 %1：%n 个目标被重标记丢弃</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a target to see its labels.</source>
        <translation>选择一个目标以查看其标签。</translation>
    </message>
    <message>
        <source>Discovered labels (before relabeling)</source>
        <translation>发现的标签（重标记前）</translation>
    </message>
    <message>
        <source>Target labels (after relabeling)</source>
        <translation>目标标签（重标记后）</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Relabel Playground</source>
        <translation>重标记试验场</translation>
    </message>
    <message>
        <source>Start Scraping</source>
        <translation>开始抓取</translation>
    </message>
    <message>
        <source>Scrape the targets of the workspace&apos;s prometheus.yml into its TSDB</source>
        <translation>将工作区 prometheus.yml 中的目标抓取到其 TSDB</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Scrape Now</source>
        <translation>立即抓取</translation>
    </message>
    <message>
        <source>Scrape every target right away</source>
        <translation>立即抓取所有目标</translation>
    </message>
    <message>
        <source>Filter targets (job, endpoint, labels, error)…</source>
        <translation>筛选目标（作业、端点、标签、错误）…</translation>
    </message>
    <message>
        <source>The workspace TSDB is not open (yet).</source>
        <translation>工作区 TSDB（尚）未打开。</translation>
    </message>
</context>
<context>
    <name>pharos::app::TargetsModel</name>
    <message>
        <source>%1 ms ago</source>
        <translation>%1 毫秒前</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>up</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>down</source>
        <translation>宕机</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>上次抓取</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
</context>
<context>
    <name>pharos::app::TemplateLibraryDialog</name>
    <message>
        <source>The rule template library was not found (looked in %1).</source>
        <translation>未找到规则模板库（已查找 %1）。</translation>
    </message>
    <message>
        <source>Rule Template Library</source>
        <translation>规则模板库</translation>
    </message>
    <message>
        <source>Search templates, metrics, descriptions…</source>
        <translation>搜索模板、指标、描述…</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Rules to insert</source>
        <translation>要插入的规则</translation>
    </message>
    <message>
        <source>Insert Rules</source>
        <translation>插入规则</translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>%1 到 %2 之间的数字</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <source>label matchers, e.g. job=&quot;api&quot; (empty: all)</source>
        <translation>标签匹配器，例如 job=&quot;api&quot;（留空：全部）</translation>
    </message>
    <message>
        <source>No template selected</source>
        <translation>未选择模板</translation>
    </message>
    <message>
        <source>Category: %1 · template id: %2</source>
        <translation>类别：%1 · 模板 ID：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Parameter label in the template form: name and type, e.g. &quot;threshold (number)&quot;.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Fix the highlighted parameters: %1</source>
        <translation>请修正高亮显示的参数：%1</translation>
    </message>
    <message>
        <source># The rules cannot be built yet:
# %1</source>
        <translation># 暂时无法生成规则：
# %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::TemplateTextEdit</name>
    <message>
        <source>Template text, e.g. {{ $labels.instance }} is down</source>
        <translation>模板文本，例如 {{ $labels.instance }} 已宕机</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeIntervalCalendar</name>
    <message>
        <source>%1
(date rule)</source>
        <translation>%1
（日期规则）</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeIntervalEditor</name>
    <message>
        <source>root route</source>
        <translation>根路由</translation>
    </message>
    <message>
        <source>route %1</source>
        <translation>路由 %1</translation>
    </message>
    <message>
        <source>%1 (mute_time_intervals)</source>
        <translation>%1 (mute_time_intervals)</translation>
    </message>
    <message>
        <source>%1 (active_time_intervals)</source>
        <translation>%1 (active_time_intervals)</translation>
    </message>
    <message>
        <source>Add interval</source>
        <translation>添加区间</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>添加条目</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Weekdays:</source>
        <translation>星期：</translation>
    </message>
    <message>
        <source>Days of month:</source>
        <translation>月中日期：</translation>
    </message>
    <message>
        <source>Months:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Years:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>时区位置：</translation>
    </message>
    <message>
        <source>09:00-18:00, 20:00-22:00</source>
        <translation>09:00-18:00, 20:00-22:00</translation>
    </message>
    <message>
        <source>monday:friday, sunday</source>
        <translation>monday:friday, sunday</translation>
    </message>
    <message>
        <source>1:7, -1</source>
        <translation>1:7, -1</translation>
    </message>
    <message>
        <source>december, january:march</source>
        <translation>december, january:march</translation>
    </message>
    <message>
        <source>2026, 2027:2028</source>
        <translation>2026, 2027:2028</translation>
    </message>
    <message>
        <source>Europe/Berlin (empty: UTC)</source>
        <translation>Europe/Berlin（留空：UTC）</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Business hours 09:00–18:00 Mon–Fri</source>
        <translation>工作时间 09:00–18:00 周一至周五</translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Nights 18:00–09:00</source>
        <translation>夜间 18:00–09:00</translation>
    </message>
    <message>
        <source>Add holiday date</source>
        <translation>添加节假日日期</translation>
    </message>
    <message>
        <source>Week of:</source>
        <translation>所在周：</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>上一周</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下一周</translation>
    </message>
    <message>
        <source>%1 (legacy mute_time_intervals)</source>
        <translation>%1（旧版 mute_time_intervals）</translation>
    </message>
    <message numerus="yes">
        <source>%n route reference(s)</source>
        <translation>
            <numerusform>%n 处路由引用</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>条目 %1</translation>
    </message>
    <message>
        <source>interval-%1</source>
        <translation>interval-%1</translation>
    </message>
    <message>
        <source>time interval &quot;%1&quot; is not unique</source>
        <translation>时间区间“%1”不唯一</translation>
    </message>
    <message>
        <source>Add time interval %1</source>
        <translation>添加时间区间 %1</translation>
    </message>
    <message>
        <source>missing name in time interval</source>
        <translation>时间区间缺少名称</translation>
    </message>
    <message>
        <source>Rename time interval %1 to %2</source>
        <translation>将时间区间 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>Time interval &quot;%1&quot; is still used by %2.</source>
        <translation>时间区间“%1”仍被 %2 使用。</translation>
    </message>
    <message>
        <source>Delete time interval %1</source>
        <translation>删除时间区间 %1</translation>
    </message>
    <message>
        <source>Add entry to time interval %1</source>
        <translation>向时间区间 %1 添加条目</translation>
    </message>
    <message>
        <source>Delete entry %1 of time interval %2</source>
        <translation>删除时间区间 %2 的条目 %1</translation>
    </message>
    <message>
        <source>Edit %1 of time interval %2</source>
        <translation>编辑时间区间 %2 的 %1</translation>
    </message>
    <message>
        <source>business hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>Set time interval %1 to %2</source>
        <translation>将时间区间 %1 设为 %2</translation>
    </message>
    <message>
        <source>Add holiday %1 to time interval %2</source>
        <translation>向时间区间 %2 添加节假日 %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeRangePicker</name>
    <message>
        <source>Last 5 minutes</source>
        <translation>最近 5 分钟</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <source>Last 30 minutes</source>
        <translation>最近 30 分钟</translation>
    </message>
    <message>
        <source>Last 1 hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 3 hours</source>
        <translation>最近 3 小时</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <source>Last 12 hours</source>
        <translation>最近 12 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 2 days</source>
        <translation>最近 2 天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Absolute range</source>
        <translation>绝对时间范围</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Show the absolute range from – to</source>
        <translation>显示绝对时间范围（从 – 至）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Run the queries again (a relative range moves to now)</source>
        <translation>重新运行查询（相对时间范围将移至当前时间）</translation>
    </message>
    <message>
        <source>Auto-refresh off</source>
        <translation>关闭自动刷新</translation>
    </message>
    <message>
        <source>Every 10s</source>
        <translation>每 10s</translation>
    </message>
    <message>
        <source>Every 30s</source>
        <translation>每 30s</translation>
    </message>
    <message>
        <source>Every 1m</source>
        <translation>每 1m</translation>
    </message>
    <message>
        <source>Every 5m</source>
        <translation>每 5m</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeSeriesChart</name>
    <message>
        <source>Undo zoom</source>
        <translation>撤销缩放</translation>
    </message>
    <message>
        <source>Back to the time range before the last zoom or pan (Backspace)</source>
        <translation>返回上次缩放或平移前的时间范围 (Backspace)</translation>
    </message>
    <message>
        <source>A/B cursors</source>
        <translation>A/B 游标</translation>
    </message>
    <message>
        <source>Click in the plot to place cursors A and B; drag them to move</source>
        <translation>在图中点击以放置游标 A 和 B；拖动可移动游标</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… 还有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Click in the plot to place cursor A, then B.</source>
        <translation>在图中点击以放置游标 A，然后放置 B。</translation>
    </message>
    <message>
        <source>Δt = %1</source>
        <translation>Δt = %1</translation>
    </message>
    <message>
        <source>%1: A %2, B %3, Δ %4; min %5, max %6, avg %7</source>
        <translation>%1：A %2，B %3，Δ %4；最小 %5，最大 %6，平均 %7</translation>
    </message>
    <message>
        <source>Threshold: %1</source>
        <translation>阈值：%1</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimelineView</name>
    <message>
        <source>Notification timeline: wheel zooms, drag pans, double click fits the range, click a marker to preview its message.</source>
        <translation>通知时间线：滚轮缩放，拖动平移，双击适配整个范围，点击标记预览其消息。</translation>
    </message>
    <message>
        <source>inhibited by %1 (%2)</source>
        <translation>被 %1 抑制（%2）</translation>
    </message>
    <message>
        <source>inhibited (%1)</source>
        <translation>已抑制（%1）</translation>
    </message>
    <message>
        <source>silenced by %1</source>
        <translation>被 %1 静默</translation>
    </message>
    <message>
        <source>muted by time interval %1</source>
        <translation>被时间区间 %1 屏蔽</translation>
    </message>
    <message>
        <source>outside the active time interval (%1)</source>
        <translation>不在活动时间区间内（%1）</translation>
    </message>
    <message>
        <source>First notification</source>
        <translation>首次通知</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Resolved notification</source>
        <translation>已解决通知</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; to %2 via %3&lt;br&gt;at %4&lt;br&gt;group %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 经由 %3 发送至 %2&lt;br&gt;时间 %4&lt;br&gt;分组 %5</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>firing (%1):</source>
        <translation>触发中（%1）：</translation>
    </message>
    <message>
        <source>resolved (%1):</source>
        <translation>已解决（%1）：</translation>
    </message>
    <message>
        <source>Click to preview the message.</source>
        <translation>点击预览消息。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suppressed&lt;/b&gt; at %1 for %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;已压制&lt;/b&gt; 时间 %1，对象 %2&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alert&lt;/b&gt; %1&lt;br&gt;from %2&lt;br&gt;until %3</source>
        <translation>&lt;b&gt;告警&lt;/b&gt; %1&lt;br&gt;开始 %2&lt;br&gt;结束 %3</translation>
    </message>
    <message>
        <source>still firing</source>
        <translation>仍在触发</translation>
    </message>
    <message>
        <source>%1 — times in UTC</source>
        <translation>%1 — 时间为 UTC</translation>
    </message>
    <message>
        <source>Times in UTC</source>
        <translation>时间为 UTC</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n notification(s)</source>
        <translation>
            <numerusform>%1 — %n 条通知</numerusform>
        </translation>
    </message>
    <message>
        <source>(all alerts)</source>
        <translation>（所有告警）</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n 条告警</numerusform>
        </translation>
    </message>
    <message>
        <source>The simulation did not finish.</source>
        <translation>模拟未完成。</translation>
    </message>
    <message>
        <source>Run a simulation to see its notifications here.</source>
        <translation>运行模拟后可在此查看其通知。</translation>
    </message>
    <message>
        <source>No alert reached a receiver in this range.</source>
        <translation>此范围内没有告警到达接收器。</translation>
    </message>
    <message numerus="yes">
        <source>Receiver %1&lt;br&gt;group %2&lt;br&gt;group key %3&lt;br&gt;%n alert(s)</source>
        <translation>
            <numerusform>接收器 %1&lt;br&gt;分组 %2&lt;br&gt;分组键 %3&lt;br&gt;%n 条告警</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::TsLegend</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>%1
Last: %2  Min: %3  Max: %4  Mean: %5</source>
        <translation>%1
最新: %2  最小: %3  最大: %4  平均: %5</translation>
    </message>
</context>
<context>
    <name>pharos::app::WorkspaceDock</name>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
</context>
<context>
    <name>pharos::app::WorkspaceModel</name>
    <message>
        <source>Rule files</source>
        <translation>规则文件</translation>
    </message>
    <message>
        <source>Routing configurations</source>
        <translation>路由配置</translation>
    </message>
    <message>
        <source>Scrape configurations</source>
        <translation>抓取配置</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>%1 — double-click to open</source>
        <translation>%1 — 双击打开</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Notification templates</source>
        <translation>通知模板</translation>
    </message>
    <message>
        <source>Rule tests</source>
        <translation>规则测试</translation>
    </message>
    <message>
        <source>Prometheus configuration</source>
        <translation>Prometheus 配置</translation>
    </message>
    <message>
        <source>Silences</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Datasources</source>
        <translation>数据源</translation>
    </message>
</context>
</TS>
