/// Minimises a function of a few variables without derivatives: the Nelder–Mead simplex method.
///
/// Deterministic: the simplex starts at `start` and `start` plus ``initialStep`` along each axis, and the
/// standard coefficients are used (reflection 1, expansion 2, contraction ½, shrink ½). A value that is not
/// finite counts as +∞, so the simplex steps back from where the function is undefined. The search stops
/// when the function values at the vertices differ by at most ``tolerance`` (absolute plus relative to the
/// best), or after ``maxEvaluations``.
struct NelderMead {
    var maxEvaluations = 3000
    var tolerance = 1e-10
    var initialStep = 0.5

    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
        var converged: Bool
    }

    func minimize(from start: [Double], _ function: ([Double]) -> Double) -> Result {
        let n = start.count
        var evaluations = 0
        func f(_ x: [Double]) -> Double {
            evaluations += 1
            let v = function(x)
            return v.isFinite ? v : .infinity
        }
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += initialStep
            simplex.append(vertex)
        }
        var values = simplex.map(f)
        var converged = false
        while evaluations < maxEvaluations {
            // Order the vertices best first (ties keep their order: deterministic).
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0]
            let worst = values[n]
            if best.isFinite && worst.isFinite && worst - best <= tolerance * (1 + abs(best)) {
                converged = true
                break
            }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() {
                for i in 0..<n { centroid[i] += vertex[i] / Double(n) }
            }
            func towards(_ coefficient: Double) -> [Double] {
                (0..<n).map { centroid[$0] + coefficient * (simplex[n][$0] - centroid[$0]) }
            }
            let reflected = towards(-1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = towards(-2)
                let fe = f(expanded)
                if fe < fr {
                    simplex[n] = expanded
                    values[n] = fe
                } else {
                    simplex[n] = reflected
                    values[n] = fr
                }
            } else if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = towards(outside ? -0.5 : 0.5)
                let fc = f(contracted)
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted
                    values[n] = fc
                } else {
                    for j in 1...n {
                        simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = f(simplex[j])
                    }
                }
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] } ?? 0
        return Result(
            point: simplex[bestIndex], value: values[bestIndex], evaluations: evaluations, converged: converged)
    }
}
