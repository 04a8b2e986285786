/// How codes map to product units (一物一码 / 一批一码 / 一品一码).
public enum AllocationMode: String, CaseIterable, Sendable, Codable {
    /// One code per item: GTIN + lot + serial, each label unique.
    case item
    /// One code per batch: GTIN + lot; every label of the batch is an identical copy.
    case batch
    /// One code per product: the GTIN alone; the registry logs each print job with its quantity.
    case category
}
