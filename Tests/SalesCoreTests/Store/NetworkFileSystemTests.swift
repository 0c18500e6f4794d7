import Foundation
import Testing

@testable import SalesCore

@Suite("Store: network file systems are refused")
struct NetworkFileSystemTests {
    @Test("statfs magic numbers of network file systems are recognised; local ones are not")
    func magics() {
        #expect(NetworkFileSystem.kind(magic: 0x6969) == "NFS")
        #expect(NetworkFileSystem.kind(magic: 0xFF53_4D42) == "CIFS")
        #expect(NetworkFileSystem.kind(magic: 0xFE53_4D42) == "SMB2")
        // Sign-extended on some C libraries: the low 32 bits decide.
        #expect(NetworkFileSystem.kind(magic: Int64(Int32(bitPattern: 0xFF53_4D42))) == "CIFS")
        // ext4, tmpfs, xfs, overlay
        for local: Int64 in [0xEF53, 0x0102_1994, 0x5846_5342, 0x794C_7630] {
            #expect(NetworkFileSystem.kind(magic: local) == nil)
        }
    }

    @Test("a store on this machine's temporary folder is on a local file system")
    func localStoreOpens() throws {
        let directory = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask,
            appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()),
            create: true)
        #expect(NetworkFileSystem.kind(of: directory.appendingPathComponent("sales.db").path) == nil)
    }
}
