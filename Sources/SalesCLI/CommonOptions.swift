import ArgumentParser
import SalesCore

/// `--db` and `--lang`, for every subcommand that reads the store and prints labels.
///
/// Pulled in with `@OptionGroup var options: CommonOptions`; the flags, their help and their defaults are
/// those of ``StoreOptions`` and ``LanguageOptions``.
public struct CommonOptions: ParsableArguments {
    @OptionGroup public var store: StoreOptions
    @OptionGroup public var languageOptions: LanguageOptions

    public init() {}

    /// The language of labels: `--lang`, else the environment's.
    public var language: OutputLanguage { languageOptions.language }
}
