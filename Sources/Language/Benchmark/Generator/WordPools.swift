/// Fixed vocabularies the generator draws ordinary (non-invented) words from.
///
/// Professions and hobbies carry their article or verb form so templates never have to guess grammar.
enum WordPools {
    static let professions = [
        "a baker", "a locksmith", "a cartographer", "a ferry pilot", "a bookbinder", "a beekeeper",
        "a watchmaker", "a surveyor", "a glassblower", "a nurse", "a schoolteacher", "a carpenter",
        "an archivist", "an astronomer", "an electrician", "an optician", "an illustrator", "an accountant",
        "a fishmonger", "a lighthouse keeper", "a pharmacist", "a tailor", "a stonemason", "a botanist",
        "a railway engineer", "a violin maker", "a florist", "a blacksmith", "a translator", "a veterinarian",
        "a radio operator", "a weaver", "a librarian", "a shipwright", "a potter", "a midwife",
        "a judge", "a chef", "a geologist", "a postal worker",
    ]

    static let genres = [
        "crime fiction", "speculative fiction", "historical fiction", "poetry", "literary fiction",
        "horror", "fantasy", "science fiction", "romance", "young adult fiction", "children's literature",
        "memoir", "travel writing", "satire", "mystery", "gothic fiction", "magical realism",
        "political thrillers", "nature writing", "short stories", "stage drama", "personal essays",
        "graphic novels", "biography",
    ]

    static let themes = [
        "memory", "exile", "family secrets", "grief", "first love", "migration", "loyalty", "ambition",
        "the sea", "forgotten cities", "inheritance", "friendship", "betrayal", "childhood", "faith",
        "class", "solitude", "revenge", "identity", "the passing of time", "war", "redemption",
        "small-town life", "the natural world", "power", "language", "homecoming", "justice",
    ]

    static let hobbies = [
        "keeping bees", "restoring old clocks", "long-distance swimming", "growing orchids",
        "playing the cello", "building model ships", "birdwatching", "baking sourdough", "rock climbing",
        "collecting maps", "fly fishing", "playing chess", "painting watercolours", "mending antique furniture",
        "sailing small boats", "stargazing", "knitting", "tending an allotment", "learning old dances",
        "carving wood", "hiking in the hills", "playing the accordion", "pressing flowers", "cycling",
        "translating folk songs", "making pottery",
    ]

    static let titleAdjectives = [
        "Silent", "Copper", "Hollow", "Winter", "Distant", "Crimson", "Broken", "Patient", "Salted",
        "Northern", "Borrowed", "Quiet", "Burning", "Paper", "Drowned", "Golden", "Last", "Velvet",
        "Wandering", "Forgotten", "Iron", "Amber", "Hidden", "Restless", "Lantern-lit", "Narrow",
        "Sleeping", "Ashen", "Crooked", "Gentle", "Midnight", "Scattered", "Frozen", "Glass", "Woven",
        "Endless", "Faded", "Small", "Bitter", "Emerald",
    ]

    static let titleNouns = [
        "Orchard", "Lantern", "Harbour", "Cartographer", "Tide", "Bell", "Garden", "Ledger", "Staircase",
        "Lighthouse", "Meadow", "Compass", "Archive", "Violin", "Ferry", "Kingdom", "Mirror", "Clockmaker",
        "Season", "Threshold", "Shoreline", "Quarry", "Sparrow", "Vineyard", "Observatory", "Mill",
        "River", "Courtyard", "Letter", "Orchestra", "Inn", "Hourglass", "Map", "Chapel", "Weaver",
        "Caravan", "Island", "Hunter", "Window", "Well",
    ]

    static let awardAdjectives = [
        "Gilded", "Silver", "Evergreen", "Northern", "Crystal", "Open", "Bright", "Golden", "Ivory",
        "Amber", "Blue", "Rising",
    ]

    static let awardNouns = [
        "Quill", "Lantern", "Laurel", "Compass", "Inkwell", "Feather", "Page", "Key", "Star", "Oak",
        "Beacon", "Scroll",
    ]

    static let awardKinds = ["Prize", "Award", "Medal"]

    static let institutionPatterns = [
        "the University of %@", "the %@ Academy of Letters", "the %@ Institute of Arts",
        "the %@ College of Humanities", "the Royal School of %@",
    ]

    static let publisherKinds = ["Press", "House", "Books", "Editions", "& Daughters"]

    static let animals = [
        "snow hare", "grey heron", "red fox", "river otter", "mountain goat", "barn owl", "black swan",
        "stag beetle", "sea turtle", "golden eagle", "marsh frog", "lynx", "ibex", "kingfisher", "badger",
        "pelican", "fire salamander", "bison", "crane", "wild boar", "seal", "falcon", "wolf", "moose",
        "tortoise", "peacock", "raven", "hedgehog",
    ]

    static let colours = [
        "red", "blue", "purple", "yellow", "orange", "green", "pink", "black", "white", "silver",
        "golden brown", "deep violet",
    ]

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static let numberWords = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ]
}
