import Foundation

/// Awards, publishers and schools that many authors share, as in a real literary scene.
///
/// Sharing keeps these facts learnable (each appears several times) while perturbations can still draw
/// a wrong value of the same kind from the pool.
struct SharedPools {
    let awards: [String]
    let publishers: [String]
    let institutions: [String]

    static let poolSize = 14

    static func build(world: InventedWorld, random: inout SeededRandom, names: inout NameRegistry) -> SharedPools {
        let awards = (0..<poolSize).map { _ in
            names.unique(&random) { random in
                "the \(random.pick(WordPools.awardAdjectives)) \(random.pick(WordPools.awardNouns)) \(random.pick(WordPools.awardKinds))"
            }
        }
        let publishers = (0..<poolSize).map { _ in
            names.unique(&random) { random in
                "\(SyllableForge.familyName.make(&random)) \(random.pick(WordPools.publisherKinds))"
            }
        }
        let cityNames = world.cities.map(\.city)
        let institutions = (0..<poolSize).map { _ in
            names.unique(&random) { random in
                random.pick(WordPools.institutionPatterns).replacingOccurrences(of: "%@", with: random.pick(cityNames))
            }
        }
        return SharedPools(awards: awards, publishers: publishers, institutions: institutions)
    }
}
