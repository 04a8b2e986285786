import Foundation
import TraceCore
import TraceRegistry
import TraceRender

/// What a reprint needs: an issued code, how many labels, why, and where they go.
public struct ReprintRequest: Sendable {
    public var productPath: String
    /// The code in any form (HRI, element string, Digital Link).
    public var code: String
    public var count: Int
    public var reason: String
    public var operatorName: String
    public var registryPath: String
    /// Where the labels go and how they are drawn.
    public var outputs: LabelOutputs
    public var today: CalendarDate
    /// Print the product file's current data although it differs from what the original job printed; the reprint
    /// record keeps the new data. Without it such a reprint is refused.
    public var correctedData = false
    /// The product file already read and validated from `productPath` (the CLI reads it for its `code.mode` and
    /// `label.template` defaults); when nil the job reads it, before anything is written.
    public var product: ProductSpec?

    public init(productPath: String, code: String, count: Int, reason: String, operatorName: String, registryPath: String,
                outputs: LabelOutputs, today: CalendarDate) {
        self.productPath = productPath
        self.code = code
        self.count = count
        self.reason = reason
        self.operatorName = operatorName
        self.registryPath = registryPath
        self.outputs = outputs
        self.today = today
    }
}

/// Renders labels again for a code the registry already issued: never allocates, refuses voided or unknown
/// codes, and appends a synced `reprint` record (reason, count, operator) before any label exists.
public enum ReprintJob {
    /// Returns the code reprinted (HRI).
    public static func run(_ request: ReprintRequest, now: Date = Date()) throws -> String {
        guard request.count >= 1 else {
            throw IssueError(field: "count", value: String(request.count), rule: "must be a whole number of labels, at least 1", id: "COUNT-RANGE")
        }
        try request.outputs.validate()
        guard request.outputs.pdfPath != nil || request.outputs.spoolPath != nil else {
            throw IssueError(field: "outputs", value: "", rule: "a reprint needs somewhere to print: a PDF and/or a spool", id: "OUTPUTS-MISSING")
        }
        let product = try request.product ?? ProductFile.load(path: request.productPath, today: request.today)
        let key = ScannedCode.identity(of: request.code)
        let productName = product.gtin.map { "product \($0.digits14)" } ?? "product '\(product.name)'"
        let ecodeSettings = product.scheme.ecode
        guard let key, ecodeSettings == nil ? key.contains("01=\(product.gtin?.digits14 ?? "-")") : key.hasPrefix("E=") else {
            throw IssueError(field: "code", value: request.code, rule: "is not a code of \(productName) (\(request.productPath))")
        }
        let ledger = try RegistryLedger(path: request.registryPath)
        guard let registered = ledger.codes[key] else {
            throw CodeLifecycle.LifecycleError(code: request.code, rule: "was never issued by registry '\(request.registryPath)': a reprint never allocates",
                                                   id: "CODE-NOT-ISSUED", category: .notFound)
        }
        let code: TraceCode
        if let ecodeSettings {
            // The code must come from this product's Ecode source: another product's pool or layout is refused.
            let directory = (request.productPath as NSString).deletingLastPathComponent
            let source = try EcodeGenerator(product: product, settings: ecodeSettings, baseDirectory: directory.isEmpty ? "." : directory)
            if let ns = registered.ns, ns != source.namespace {
                throw IssueError(field: "code", value: request.code,
                                 rule: "was issued from \(ns), not from this product's Ecode source \(source.namespace ?? "(fixed code)") (\(request.productPath))")
            }
            code = TraceCode(ecode: try Ecode(registered.code), settings: ecodeSettings)
        } else {
            // The label carries exactly the registered code: its HRI parsed back into elements.
            // TraceCore's HRI parser, not a hand split: serials may carry escaped parentheses.
            let registeredCode = try ElementString(hri: registered.code)
            code = try TraceCode(elements: registeredCode.elements, resolver: product.resolver)
        }
        // The label shows what the original job printed (its snapshot), never data added to the product file since:
        // different data is refused unless the operator asks for a corrected reprint, which records the new data.
        let current = ProductSnapshot(product: product)
        var productValues = current.values
        var corrected: String?
        if let recorded = ledger.job(registered.job)?.snapshot {
            guard let original = ProductSnapshot(json: recorded) else {
                throw IssueError(field: "code", value: request.code, rule: "job \(registered.job)'s recorded product data is not readable: run tracelabel verify")
            }
            let differences = original.differences(to: current)
            if differences.isEmpty || !request.correctedData {
                guard differences.isEmpty else {
                    throw IssueError(field: "product", value: request.productPath,
                                     rule: "differs from what job \(registered.job) printed on this code (\(differences.joined(separator: "; "))): a reprint carries the original data; use the product file as it was, or reprint with corrected data and a reason to print and record the new data")
                }
                productValues = original.values
            } else {
                corrected = current.json
            }
        }
        let settings = try request.outputs.renderSettings(count: request.count)
        let fonts = try LabelDelivery.fonts(request.outputs.font, template: settings.template, productValues: productValues)
        try LabelDelivery.check(settings: settings, sample: code, productValues: productValues, fonts: fonts)
        var preflight = OutputPreflight()
        try preflight.prepare(pdf: request.outputs.pdfPath, spool: request.outputs.spoolPath, registry: request.registryPath)
        let spool: SpoolDirectory?
        let job = "R" + IssueJob.jobID(now: now).dropFirst()
        do {
            spool = try request.outputs.spoolPath.map { path throws(RenderError) in try SpoolDirectory(path: path) }
            _ = try CodeLifecycle.reprint(code: registered.code, count: request.count, reason: request.reason,
                                          operatorName: request.operatorName, job: job, registry: RegistryFile(path: request.registryPath),
                                          snapshot: corrected, now: now)
        } catch {
            preflight.undo()
            throw error
        }
        let delivery = try LabelDelivery(job: job, title: "\(job) reprint", settings: settings, productValues: productValues,
                                         fonts: fonts, spool: spool)
        do {
            try delivery.deliver((0..<request.count).map { ($0, code) })
            _ = try delivery.finish(line: "reprint", shift: "-", gtin: product.gtin?.digits14 ?? "")
        } catch {
            delivery.abandon()
            throw error
        }
        return registered.code
    }
}
