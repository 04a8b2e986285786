import Testing
@testable import TraceCore

/// Every linter, valid and invalid, with the exact message a line engineer sees.
struct LinterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let ai: String
        let value: String
        /// nil when the value is valid.
        let message: String?
        var testDescription: String { "(\(ai))\(value)" }
        init(_ ai: String, _ value: String, _ message: String? = nil) { self.ai = ai; self.value = value; self.message = message }
    }

    static let cases: [Case] = [
        // Length and character sets.
        Case("01", "0952012345678", "[GS1-TOO-SHORT] AI (01): found '0952012345678' (13 characters), expected at least 14"),
        Case("10", "ABCDEFGHIJKLMNOPQRSTU", "[GS1-TOO-LONG] AI (10): found 'ABCDEFGHIJKLMNOPQRSTU' (21 characters), expected at most 20"),
        Case("10", "abc-def/1"),
        Case("10", "ABC 123", "[GS1-CHARSET] AI (10) position 4: found a space in 'ABC 123', expected a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"),
        Case("21", "A#1", "[GS1-CHARSET] AI (21) position 2: found '#' in 'A#1', expected a GS1 CSET 82 character (A-Z a-z 0-9 and !\"%&'()*+,-./:;<=>?_, no spaces, no Chinese)"),
        Case("8010", "1234ABC#-/"),
        Case("8010", "1234abc", "[GS1-CHARSET] AI (8010) position 5: found 'a' in '1234abc', expected a GS1 CSET 39 character (A-Z 0-9 # - /)"),
        Case("30", "12A", "[GS1-CHARSET] AI (30) position 3: found 'A' in '12A', expected a digit 0-9"),
        // cset64 padding.
        Case("8030", "ABC"), Case("8030", "AB="), Case("8030", "A=="),
        Case("8030", "ABC=", "[GS1-CHARSET] AI (8030) position 4: found 1 '=' padding character(s) on 4 characters in 'ABC=', expected at most two '=' and only when the length is a multiple of 3"),
        Case("8030", "A=BC", "[GS1-CHARSET] AI (8030) position 2: found '=' inside 'A=BC', expected '=' only as padding at the end"),
        // csum.
        Case("00", "106141412345678908"),
        Case("00", "106141412345678909", "[GS1-CHECK] AI (00) position 18: found check digit '9' in '106141412345678909', expected '8'"),
        Case("414", "9520123456788"),
        // csumalpha (vectors from the GS1 linter tests).
        Case("8013", "1987654Ad4X4bL5ttr2310c2K"),
        Case("8013", "1987654Ad4X4bL5ttr2310cXK", "[GS1-CHECK-PAIR] AI (8013) position 24: found check characters 'XK' in '1987654Ad4X4bL5ttr2310cXK', expected '2K'"),
        // gcppos1 / gcppos2.
        Case("8004", "1234ABC"),
        Case("8004", "123ABCD", "[GS1-GCP] AI (8004) position 4: found 'A' in '123ABCD', expected a digit: a GS1 Company Prefix (at least 4 digits) starts at position 1"),
        Case("8004", "12", "[GS1-GCP] AI (8004) position 1: found '12' (too short to start with a GS1 Company Prefix), expected at least 4 digits of GS1 Company Prefix from position 1"),
        // yymmd0: day 00 is the last day of the month; leap years.
        Case("17", "260200"), Case("17", "280229"),
        Case("17", "270229", "[GS1-DATE] AI (17) position 5: found day '29' in '270229', expected a day 00-28 (month 02 of 2027)"),
        Case("11", "261301", "[GS1-DATE] AI (11) position 3: found month '13' in '261301', expected a month 01-12"),
        Case("15", "261232", "[GS1-DATE] AI (15) position 5: found day '32' in '261232', expected a day 00-31 (month 12 of 2026)"),
        Case("13", "260431", "[GS1-DATE] AI (13) position 5: found day '31' in '260431', expected a day 00-30 (month 04 of 2026)"),
        // yymmdd (7006): day 00 refused.
        Case("7006", "261231"),
        Case("7006", "261200", "[GS1-DATE] AI (7006) position 5: found day '00' in '261200', expected a day 01-31 (month 12 of 2026)"),
        // yymmdd + hhmi (7003).
        Case("7003", "2612312359"),
        Case("7003", "2612002359", "[GS1-DATE] AI (7003) position 5: found day '00' in '2612002359', expected a day 01-31 (month 12 of 2026)"),
        Case("7003", "2612312400", "[GS1-TIME] AI (7003) position 7: found hour '24' in '2612312400', expected an hour 00-23"),
        Case("7003", "2612312360", "[GS1-TIME] AI (7003) position 9: found minute '60' in '2612312360', expected a minute 00-59"),
        // yyyymmdd (7250).
        Case("7250", "20240229"),
        Case("7250", "20230229", "[GS1-DATE] AI (7250) position 7: found day '29' in '20230229', expected a day 01-28 (month 02 of 2023)"),
        // hh, mi, ss (8008: yymmdd hh [mi] [ss]).
        Case("8008", "26123123"), Case("8008", "2612312359"), Case("8008", "261231235959"),
        Case("8008", "26123124", "[GS1-TIME] AI (8008) position 7: found hour '24' in '26123124', expected an hour 00-23"),
        Case("8008", "2612312360", "[GS1-TIME] AI (8008) position 9: found minute '60' in '2612312360', expected a minute 00-59"),
        Case("8008", "261231235960", "[GS1-TIME] AI (8008) position 11: found second '60' in '261231235960', expected a second 00-59"),
        Case("8008", "261231235", "[GS1-TOO-SHORT] AI (8008) position 9: found '261231235' ends after 9 characters, expected 2 more character(s) for the component at position 9"),
        // Code shapes.
        Case("422", "156"), Case("422", "004"), Case("422", "894"),
        Case("422", "999", "[GS1-VALUE] AI (422) position 1: found country code '999' in '999', expected an ISO 3166-1 numeric country code, e.g. 156 for China"),
        Case("422", "005", "[GS1-VALUE] AI (422) position 1: found country code '005' in '005', expected an ISO 3166-1 numeric country code, e.g. 156 for China"),
        Case("423", "156840"),
        Case("423", "156841", "[GS1-VALUE] AI (423) position 4: found country code '841' in '156841', expected an ISO 3166-1 numeric country code, e.g. 156 for China"),
        Case("7030", "999ABC"), Case("7030", "156ABC"),
        Case("7030", "998ABC", "[GS1-VALUE] AI (7030) position 1: found country code '998' in '998ABC', expected an ISO 3166-1 numeric country code or 999"),
        Case("3910", "156100"), Case("3911", "978100"), Case("3910", "008100"),
        Case("3910", "157100", "[GS1-VALUE] AI (3910) position 1: found currency code '157' in '157100', expected an ISO 4217 numeric currency code, e.g. 156 for CNY"),
        Case("3910", "010100", "[GS1-VALUE] AI (3910) position 1: found currency code '010' in '010100', expected an ISO 4217 numeric currency code, e.g. 156 for CNY"),
        Case("4307", "CN"),
        Case("4307", "cn", "[GS1-VALUE] AI (4307) position 1: found 'cn' in 'cn', expected an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)"),
        Case("4307", "AD"), Case("4307", "ZW"), Case("4317", "GB"),
        Case("4307", "AA", "[GS1-VALUE] AI (4307) position 1: found 'AA' in 'AA', expected an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)"),
        Case("4307", "EU", "[GS1-VALUE] AI (4307) position 1: found 'EU' in 'EU', expected an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)"),
        Case("7252", "9"),
        Case("7252", "3", "[GS1-VALUE] AI (7252) position 1: found '3' in '3', expected an ISO/IEC 5218 sex code: 0, 1, 2 or 9"),
        Case("8007", "GB82WEST12345698765432"),
        Case("8007", "GB83WEST12345698765432", "[GS1-VALUE] AI (8007) position 3: found IBAN check digits '83' in 'GB83WEST12345698765432', expected IBAN mod-97 remainder 1"),
        Case("7241", "10"), Case("7241", "80"),
        Case("7241", "11", "[GS1-VALUE] AI (7241) position 1: found media type '11' in '11', expected an AIDC media type 01-10 or 80-99"),
        Case("4309", "18000000003600000000"),
        Case("4309", "18000000013600000000", "[GS1-VALUE] AI (4309) position 1: found latitude '1800000001' in '18000000013600000000', expected 0000000000-1800000000"),
        Case("4309", "00000000003600000001", "[GS1-VALUE] AI (4309) position 11: found longitude '3600000001' in '00000000003600000001', expected 0000000000-3600000000"),
        Case("8006", "095201234567880102"),
        Case("8006", "095201234567880302", "[GS1-VALUE] AI (8006) position 15: found piece 3 of 2 in '095201234567880302', expected a piece number not above the total"),
        Case("8006", "095201234567880002", "[GS1-VALUE] AI (8006) position 15: found piece number '00' in '095201234567880002', expected a piece number from 1"),
        Case("8006", "095201234567880100", "[GS1-VALUE] AI (8006) position 17: found total '00' in '095201234567880100', expected a total number of pieces from 1"),
        Case("4300", "ACME%20Co"),
        Case("4300", "ACME%2", "[GS1-VALUE] AI (4300) position 5: found '%' not followed by two hex digits in 'ACME%2', expected percent-encoding '%XX'"),
        Case("8001", "01000100010091"),
        Case("8001", "00000100010091", "[GS1-VALUE] AI (8001) position 1: found '0000' in '00000100010091', expected a value that is not all zeros"),
        Case("8001", "01000100010051", "[GS1-VALUE] AI (8001) position 13: found winding direction '5' in '01000100010051', expected 0, 1 or 9"),
        Case("8003", "09520123456788A1"),
        Case("8003", "19520123456788A1", "[GS1-VALUE] AI (8003) position 1: found '1' in '19520123456788A1', expected '0'"),
        Case("8011", "0"), Case("8011", "123"),
        Case("8011", "0123", "[GS1-VALUE] AI (8011) position 1: found leading zero in '0123', expected no leading zero (unless the value is 0)"),
        Case("8014", "1987654Ad4X4bL5ttr2310c2K"),
        Case("4321", "1"),
        Case("4321", "2", "[GS1-VALUE] AI (4321) position 1: found '2' in '2', expected 0 (no) or 1 (yes)"),
        Case("4330", "001234-"), Case("4330", "001234"),
        Case("4330", "001234+", "[GS1-VALUE] AI (4330) position 7: found '+' in '001234+', expected '-'"),
        Case("7040", "1ABC"), Case("7040", "1AB_"),
        Case("7040", "1AB!", "[GS1-VALUE] AI (7040) position 4: found importer index '!' in '1AB!', expected one of - 0-9 A-Z _ a-z"),
        Case("7258", "1/2"),
        Case("7258", "3/2", "[GS1-VALUE] AI (7258) position 1: found '3/2' in '3/2', expected a position in sequence 'n/m' with 1 <= n <= m"),
        Case("3103", "000150"),
        Case("99", "ANY-INTERNAL"),
        Case("23", "1", "[GS1-UNKNOWN-AI] AI (23): found AI '23', expected an AI from the GS1 Syntax Dictionary"),
    ]

    @Test(arguments: cases)
    func linter(_ c: Case) {
        do {
            try AIValidation.validate(AIElement(c.ai, c.value))
            #expect(c.message == nil, "accepted, but expected \(c.message ?? "")")
        } catch {
            #expect(error.description == c.message)
        }
    }
}
