import Mustache
import TraceCore

/// The consumer's page behind a QR code: mobile-first HTML in Chinese, or English with `?lang=en`, showing only
/// what ``PublicView`` holds.
struct ResolverPage: Sendable {
    let template: MustacheTemplate

    init() throws {
        template = try MustacheTemplate(string: Self.html)
    }

    /// The page's language.
    enum Language: String, Sendable {
        case zh
        case en
    }

    /// Marks where a request's scan count and flag go in a rendered page (the rest is the same for every request).
    static let scansMark = "\u{1}scans\u{1}"
    static let flagMark = "\u{1}flag\u{1}"

    /// The page with this request's scan count and flag put in at their marks (a byte scan: no string copies).
    func complete(_ html: [UInt8], _ resolution: CodeDirectory.Resolution, language: Language) -> [UInt8] {
        let zh = language == .zh
        let scans = resolution.scans == 0 ? "" : "<p>" + (zh ? "此码已被查询 \(resolution.scans) 次" : "This code has been looked up \(resolution.scans) time(s)") + "</p>"
        let flag = !resolution.flagged ? "" : "<p class=\"warn\">" + (zh ? "此码的查询次数远多于其他码，可能被复制，请注意核实。"
            : "This code was looked up far more often than others: it may have been copied. Check the product carefully.") + "</p>"
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 200)
        var i = 0
        while i < html.count {
            guard html[i] == 1, let end = html[(i + 1)...].firstIndex(of: 1) else {
                out.append(html[i])
                i += 1
                continue
            }
            let name = html[(i + 1)..<end]
            out.append(contentsOf: Array((name.elementsEqual("scans".utf8) ? scans : flag).utf8))
            i = end + 1
        }
        return out
    }

    /// The page of `view`, with marks for the scan count and flag (``complete(_:_:language:)``).
    func render(_ view: PublicView, language: Language) -> String {
        let zh = language == .zh
        let (title, detail): (String, String) = switch view.status {
        case .valid: zh ? ("正品追溯码 · 有效", "此码由生产者签发并登记在册。") : ("Valid trace code", "This code was issued and registered by the producer.")
        case .voided: zh ? ("此码已作废", "此码的标签已损坏或销毁并作废：带有此码的标签不是正品。")
            : ("This code was voided", "Its label was damaged or destroyed and voided: a label carrying it is not genuine.")
        case .recalled: zh ? ("此产品已召回", "生产者已召回此产品，请停止使用并联系销售者。")
            : ("This product has been recalled", "The producer recalled this product: stop using it and contact the seller.")
        case .unknown: zh ? ("此码并非该生产者签发，可能是假冒产品", "请勿使用，并向销售者或市场监管部门反映。")
            : ("This code was not issued by this producer: it may be counterfeit", "Do not use the product; report it to the seller or the market regulator.")
        }
        func fields(_ list: [PublicView.Field]) -> [[String: String]] {
            list.map { ["label": zh ? $0.label : $0.english, "value": $0.value] }
        }
        let flowTitles: [String: (String, String)] = ["producer-sale": ("生产者流向", "Producer's sale"),
                                                       "seller-purchase": ("销售者进货", "Seller's purchase"),
                                                       "seller-sale": ("销售者销售", "Seller's sale")]
        var context: [String: Any] = [
            "lang": zh ? "zh-CN" : "en",
            "title": title,
            "detail": detail,
            "statusClass": view.status.rawValue,
            "statusLabel": zh ? "状态" : "Status",
            "status": zh ? ["valid": "有效", "voided": "已作废", "recalled": "已召回", "unknown": "未知"][view.status.rawValue] ?? "" : view.status.rawValue,
            "hasFields": !view.fields.isEmpty,
            "fieldsTitle": zh ? "产品信息" : "Product information",
            "fields": fields(view.fields),
            "flows": view.flows.map { f -> [String: Any] in
                let t = flowTitles[f.kind] ?? (f.kind, f.kind)
                return ["title": zh ? t.0 : t.1, "fields": fields(f.fields)]
            },
            "codeLabel": zh ? "追溯码" : "Code",
            "code": view.code,
            "scans": Self.scansMark,
            "flag": Self.flagMark,
            "switchHref": zh ? "?lang=en" : "?lang=zh",
            "switchText": zh ? "English" : "中文",
        ]
        if let recall = view.recall { context["recall"] = ["label": zh ? "召回" : "Recall", "time": recall.time, "reason": recall.reason] }
        return template.render(context)
    }

    static let html = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1d1d1f;font-size:16px;line-height:1.5}
    main{max-width:34rem;margin:0 auto;padding:1rem}
    header{border-radius:12px;padding:1rem 1.2rem;color:#fff;margin-bottom:1rem}
    header.valid{background:#1e7d32}header.voided,header.unknown{background:#b3261e}header.recalled{background:#b26a00}
    h1{font-size:1.3rem;margin:0 0 .3rem}h2{font-size:1.05rem;margin:0 0 .5rem}
    section{background:#fff;border-radius:12px;padding:1rem 1.2rem;margin-bottom:1rem}
    dl{margin:0}dt{color:#6e6e73;font-size:.85rem;margin-top:.6rem}dd{margin:0;word-break:break-all}
    .warn{background:#fff4e5;border-left:4px solid #b26a00;padding:.6rem .8rem}
    code{word-break:break-all}nav{text-align:right}a{color:#0b57d0}
    </style>
    </head>
    <body>
    <main>
    <header class="{{statusClass}}"><h1>{{title}}</h1><p>{{detail}}</p><p>{{statusLabel}}: {{status}}</p></header>
    {{#recall}}<p class="warn">{{label}}: {{time}} {{reason}}</p>{{/recall}}
    {{{flag}}}
    {{#hasFields}}<section><h2>{{fieldsTitle}}</h2><dl>
    {{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/fields}}</dl></section>{{/hasFields}}
    {{#flows}}<section><h2>{{title}}</h2><dl>
    {{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/fields}}</dl></section>{{/flows}}
    <section><p>{{codeLabel}}: <code>{{code}}</code></p>{{{scans}}}</section>
    <nav><a href="{{switchHref}}">{{switchText}}</a></nav>
    </main>
    </body>
    </html>
    """
}
