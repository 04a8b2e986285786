import Foundation
import TraceCore
import TraceJob
import TraceRegistry

/// The products folder: clients name a product (its file name without `.yaml`), never a path.
struct ProductCatalog: Sendable {
    let directory: String

    /// The file of product `name`.
    /// - Throws: ``APIError`` 422 if the name is not a plain name or no such product file exists.
    func path(of name: String, field: String = "product") throws -> String {
        guard PrinterName.isValid(name), !name.contains("..") else {
            throw APIError.invalid(field, name, "a product is named by its file name without .yaml: letters, digits, '-', '_' or '.'")
        }
        let path = (directory as NSString).appendingPathComponent(name + ".yaml")
        guard FileManager.default.fileExists(atPath: path) else {
            throw APIError.invalid(field, name, "no such product in the service's products folder")
        }
        return path
    }

    /// Every product name in the folder.
    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.contains(".producer.") && !$0.contains(".seller.") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    /// The product names whose file describes the product of `job` (same GTIN, or for Ecode products the same
    /// product name in the job's snapshot).
    func products(of job: RegistryLedger.Job?, today: CalendarDate) -> [String] {
        guard let job else { return [] }
        let snapshotName = job.snapshot.flatMap { ProductSnapshot(json: $0) }?.values["product.name"]
        return names().filter { name in
            guard let spec = try? ProductFile.load(path: (directory as NSString).appendingPathComponent(name + ".yaml"), today: today) else { return false }
            if let gtin = job.gtin, !gtin.isEmpty { return spec.gtin?.digits14 == gtin }
            return snapshotName == spec.name
        }
    }
}

extension CalendarDate {
    /// Today in the machine's local time zone (a factory's production date is local).
    static var localToday: CalendarDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
