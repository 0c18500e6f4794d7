/// The seeded random numbers every fixture is drawn from.
///
/// Fixtures must come out byte-identical on every machine, so nothing here touches the system's
/// random source, the clock, `Hasher` or libm: draws are integer arithmetic on xoshiro256**,
/// and the only floating point is `+ − × ÷` on values built from integers, which IEEE 754 rounds
/// the same everywhere. (The generators use sets and dictionaries only to look things up, never
/// to iterate, since their order changes from run to run.)

/// SplitMix64, used to expand one seed into a generator's state and to derive sub-streams.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman and Vigna), with the draws the generators need.
struct Rng {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    init(seed: UInt64) {
        var mix = SplitMix64(state: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    /// An independent generator for one part of a fixture, so that drawing more or fewer numbers
    /// in one part (say, expenses) leaves every other part (say, orders) unchanged.
    init(seed: UInt64, stream: String) {
        // FNV-1a over the label: stable across runs and platforms, unlike `Hasher`.
        var label: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            label = (label ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        self.init(seed: seed ^ label)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<n` (Lemire's multiply-shift, with rejection so there is no bias).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(_:) needs a positive bound")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniformly chosen element.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index chosen with probability proportional to `weights[index]`.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// An element chosen with probability proportional to its weight.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        choices[weightedIndex(choices.map(\.1))].0
    }

    /// Roughly normal: the mean of four uniforms, rescaled to mean 0 and standard deviation 1.
    ///
    /// Irwin–Hall rather than Box–Muller, which would need `log` and `cos` from libm.
    mutating func gaussian() -> Double {
        let sum = unit() + unit() + unit() + unit()
        return (sum - 2) * 1.7320508075688772  // √3: the sum of four has variance 1/3
    }

    /// `value` scaled by a factor spread evenly over `1 ± spread`.
    mutating func jitter(_ value: Double, _ spread: Double) -> Double {
        value * (1 - spread + 2 * spread * unit())
    }

    /// The elements in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        if items.count < 2 { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
        return items
    }
}

/// A fixed discrete distribution, searched by bisection: for picks made many times from many choices.
struct WeightedTable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        precondition(!weights.isEmpty, "a weighted table needs at least one weight")
        var running = 0.0
        cumulative = weights.map { weight in
            running += max(0, weight)
            return running
        }
    }

    var count: Int { cumulative.count }

    /// An index drawn with probability proportional to its weight.
    func draw(_ rng: inout Rng) -> Int {
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
