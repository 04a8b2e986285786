import Testing
@testable import TraceCore

/// SGTIN-96 vectors from gs1.md §7 (epcpy and an independent bit packer agree).
struct EPCTests {
    @Test(arguments: [
        ("80614141123458", "6789", 7, 3, "3074257BF7194E4000001A85", "urn:epc:id:sgtin:0614141.812345.6789"),
        ("80614141123458", "6789", 7, 1, "3034257BF7194E4000001A85", "urn:epc:id:sgtin:0614141.812345.6789"),
        ("06901234123456", "1000001", 7, 1, "3035A537C80C0E40000F4241", "urn:epc:id:sgtin:6901234.012345.1000001"),
        ("06901234561234", "274877906943", 9, 1, "302E92272C001EFFFFFFFFFF", "urn:epc:id:sgtin:690123456.0123.274877906943"),
    ])
    func encodeAndDecode(gtin: String, serial: String, gcp: Int, filter: Int, hex: String, urn: String) throws {
        let epc = try SGTIN96(gtin: GTIN(gtin), serial: serial, companyPrefixLength: gcp, filter: filter)
        #expect(epc.hex == hex)
        #expect(epc.pureIdentityURI == urn)
        let decoded = try SGTIN96(hex: hex)
        #expect(decoded == epc)
        #expect(decoded.gtin.digits14 == gtin)
        #expect(decoded.tagURI == "urn:epc:tag:sgtin-96:\(filter).\(urn.dropFirst("urn:epc:id:sgtin:".count))")
    }

    @Test func refusesSerialsSGTIN96CannotCarry() throws {
        let gtin = try GTIN("09520123456788")
        #expect(throws: EPCError.serialLeadingZero("0123")) { try SGTIN96(gtin: gtin, serial: "0123", companyPrefixLength: 7) }
        #expect(throws: EPCError.serialTooLarge("274877906944")) { try SGTIN96(gtin: gtin, serial: "274877906944", companyPrefixLength: 7) }
        #expect(throws: EPCError.serialNotNumeric("A1")) { try SGTIN96(gtin: gtin, serial: "A1", companyPrefixLength: 7) }
        #expect(EPCError.serialLeadingZero("0123").description
                == "serial '0123' cannot go in SGTIN-96: a leading zero would be lost (the serial is stored as a number)")
        #expect(try SGTIN96(gtin: gtin, serial: "0", companyPrefixLength: 7).serial == 0)
        #expect(throws: EPCError.self) { try SGTIN96(hex: "3674257BF7194E4000001A85") }
        #expect(throws: EPCError.self) { try SGTIN96(hex: "3074257BF7194E4000001A8") }
    }

    @Test func pureIdentityEscapesSerials() throws {
        #expect(try SGTIN96.pureIdentityURI(gtin: GTIN("09520123456788"), serial: "A/B&C", companyPrefixLength: 7)
                == "urn:epc:id:sgtin:9520123.045678.A%2FB%26C")
    }
}
