import Foundation
import TraceCore

extension RegistryLedger {
    /// What a consumer who scans `raw` may see (``PublicView``): status, public fields of the issuing job's
    /// snapshot, flows their owners made public, a recall notice. A code this registry never issued is `unknown`.
    public func publicView(of raw: String) -> PublicView {
        guard let key = ScannedCode.identity(of: raw), let code = codes[key] else {
            return .make(code: raw.trimmingCharacters(in: .whitespacesAndNewlines), status: .unknown, snapshot: nil)
        }
        let snapshot = SnapshotFields.values(job(code.job)?.snapshot)
        let recall = recall(of: code)
        let status: PublicView.Status = code.voided != nil ? .voided : recall != nil ? .recalled : .valid
        let producer = snapshot?["producer.uscc"].flatMap { SnapshotFields.values(parties[$0]?.snapshot) }
        let flows = flows(of: code).map { f -> PublicView.FlowRecord in
            if f.flow == "producer-sale" {
                // The producer's current choice: its latest registration if it registered, else the job's snapshot.
                return .init(kind: f.flow, at: f.at, counterparty: f.counterparty, address: f.address, contact: f.contact,
                             choices: producer ?? snapshot ?? [:], seller: nil)
            }
            let seller = SnapshotFields.values(parties[f.party]?.snapshot)
            return .init(kind: f.flow, at: f.at, counterparty: f.counterparty, address: f.address, contact: f.contact,
                         choices: seller ?? [:], seller: seller)
        }
        let serial = (try? ElementString(hri: code.code, checkingAssociations: false))?.elements.first { $0.ai == "21" }?.value
        return .make(code: code.code, status: status, snapshot: snapshot, serial: serial, flows: flows,
                     recall: recall.map { PublicView.Recall(time: $0.time ?? "", reason: $0.reason) })
    }
}
