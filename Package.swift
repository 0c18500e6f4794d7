// swift-tools-version:6.0
// Sales operations toolkit: one SQLite store, five command-line tools, one core library.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// The two libraries that do the work: their release builds leave out Swift's run-time exclusivity checks
/// (`swift_beginAccess` and friends, 5–7% of the instructions of each import thread under callgrind). Debug
/// builds, which every test runs, keep them, so an overlapping access still traps there.
let workSettings: [SwiftSetting] =
    swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "SalesToolkit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SalesCore", targets: ["SalesCore"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .executable(name: "sales-import", targets: ["sales-import"]),
        .executable(name: "sales-approve", targets: ["sales-approve"]),
        .executable(name: "sales-score", targets: ["sales-score"]),
        .executable(name: "sales-export", targets: ["sales-export"]),
        .executable(name: "sales-plan", targets: ["sales-plan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: - System libraries (thin C modules; pkg-config supplies the paths)
        // SQLite's C API, with wrappers for the macros Swift cannot import.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libxml2's SAX2 parser, used for every XML part of a workbook.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib: raw inflate and deflate for zip entries, crc32.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: - Libraries
        // The spreadsheet format: zip, streaming reader, streaming writer. Knows nothing of sales.
        .target(name: "XLSX", dependencies: ["CLibXML2", "CZlib"], swiftSettings: workSettings),
        // Domain, store and every tool's logic.
        .target(
            name: "SalesCore",
            dependencies: [
                "XLSX", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: workSettings),

        // Command-line pieces every tool shares: the --db option, error reporting, progress lines.
        .target(
            name: "SalesCLI",
            dependencies: ["SalesCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),

        // MARK: - Executables (parse arguments, call SalesCore, print)
        .executableTarget(
            name: "sales-import",
            dependencies: [
                "SalesCore", "SalesCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "sales-approve",
            dependencies: [
                "SalesCore", "SalesCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "sales-score",
            dependencies: [
                "SalesCore", "SalesCLI", "XLSX", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "sales-export",
            dependencies: [
                "SalesCore", "SalesCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "sales-plan",
            dependencies: [
                "SalesCore", "SalesCLI", "XLSX", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // MARK: - Tools
        // Deterministic generator of the demo, test and benchmark workbooks in Fixtures/.
        .executableTarget(
            name: "fixture-gen",
            dependencies: ["XLSX", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/fixture-gen",
            swiftSettings: swiftSettings),

        // MARK: - Tests
        // Helpers shared by the test targets: temporary stores, fixture and corpus paths, running the built tools.
        .target(
            name: "SalesTestSupport", dependencies: ["SalesCore"], path: "Tests/SalesTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "SalesTestSupport"], swiftSettings: swiftSettings),
        // A test-only SQLite VFS that fails the n-th write or sync (I/O-error injection).
        .target(name: "CFaultVFS", path: "Tests/CFaultVFS", linkerSettings: [.linkedLibrary("sqlite3")]),
        .testTarget(
            name: "SalesCoreTests", dependencies: ["SalesCore", "SalesTestSupport", "CFaultVFS"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests", dependencies: ["SalesCore", "SalesTestSupport"],
            swiftSettings: swiftSettings),
    ]
)
