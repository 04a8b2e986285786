import Foundation
import TraceCore

/// A valid product as flattened product-file fields, for tests that need a ProductSpec.
enum ProductFixture {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)

    static func fields(extra: [String: String] = [:]) -> [String: String] {
        var f = [
            "producer.name": "杭州示例新能源电池有限公司", "producer.uscc": "91330106MA2H7K3LXA", "producer.address": "浙江省杭州市",
            "producer.contact": "0571-88880000", "product.name": "电动自行车用锂离子蓄电池", "product.type": "电动自行车用蓄电池",
            "product.model": "TL-4820", "product.gtin": "9520123456795", "product.mandatory_standard": "GB 43854-2024",
            "product.inspection_report.reference": "QT-1", "product.inspection_report.sha256": "abababababababababababababababababababababababababababababababab",
            "producer.business_licence.reference": "营业执照", "producer.business_licence.sha256": "abababababababababababababababababababababababababababababababab", "product.ccc_certificate": "2025011101234567", "batch.production_date": "2026-11-27", "batch.lot": "20261127A",
        ]
        for (k, v) in extra { f[k] = v }
        return f
    }

    static func product(extra: [String: String] = [:]) throws -> ProductSpec {
        try ProductSpec.validated(fields: fields(extra: extra), today: today).get()
    }

    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
