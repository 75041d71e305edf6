namespace Readouts.Api.Infrastructure.Migrations.Registry;

/// <summary>One leader as the initial registry knows them.</summary>
internal sealed record RegistryLeader(string Slug, string Name, string Country, string[] Aliases);

/// <summary>
/// The initial registry of leaders (heads of state and of government of the G20 members and Ukraine,
/// as of late 2025) that a migration loads. It is frozen here, not read from the live model, so that
/// the migration means the same thing forever; later changes go through the API or a new migration.
/// </summary>
internal static class LeaderRegistry
{
    public static IReadOnlyList<RegistryLeader> Leaders { get; } =
    [
        // Argentina
        new("javier-milei", "Javier Milei", "AR", ["Milei", "Javier Gerardo Milei", "Хавьер Милей", "Милей"]),

        // Australia
        new("anthony-albanese", "Anthony Albanese", "AU", ["Albanese", "Anthony Norman Albanese", "Albo", "Энтони Албаниз", "Албаниз"]),

        // Brazil
        new("luiz-inacio-lula-da-silva", "Luiz Inácio Lula da Silva", "BR", ["Lula", "Lula da Silva", "Luis Inácio Lula da Silva", "Луис Инасиу Лула да Силва", "Лула да Силва", "Лула"]),

        // Canada
        new("mark-carney", "Mark Carney", "CA", ["Carney", "Mark Joseph Carney", "Марк Карни", "Карни"]),

        // China
        new("xi-jinping", "Xi Jinping", "CN", ["习近平", "習近平", "Си Цзиньпин", "시진핑", "شي جين بينغ"]),
        new("li-qiang", "Li Qiang", "CN", ["李强", "李強", "Ли Цян", "리창"]),

        // European Union
        new("antonio-costa", "António Costa", "EU", ["Costa", "António Luís Santos da Costa", "Антониу Кошта", "Антоніу Кошта", "Кошта"]),
        new("ursula-von-der-leyen", "Ursula von der Leyen", "EU", ["von der Leyen", "Ursula Gertrud von der Leyen", "Урсула фон дер Ляйен", "фон дер Ляйен", "Урсула фон дер Ляєн", "фон дер Ляєн"]),

        // France
        new("emmanuel-macron", "Emmanuel Macron", "FR", ["Macron", "Emmanuel Jean-Michel Frédéric Macron", "Эммануэль Макрон", "Емманюель Макрон", "Макрон", "إيمانويل ماكرون"]),
        new("sebastien-lecornu", "Sébastien Lecornu", "FR", ["Lecornu", "Себастьен Лекорню", "Себастьєн Лекорню", "Лекорню"]),

        // Germany
        new("frank-walter-steinmeier", "Frank-Walter Steinmeier", "DE", ["Steinmeier", "Франк-Вальтер Штайнмайер", "Штайнмайер", "Франк-Вальтер Штайнмаєр", "Штайнмаєр"]),
        new("friedrich-merz", "Friedrich Merz", "DE", ["Merz", "Joachim-Friedrich Martin Josef Merz", "Фридрих Мерц", "Фрідріх Мерц", "Мерц"]),

        // India
        new("droupadi-murmu", "Droupadi Murmu", "IN", ["Murmu", "Draupadi Murmu", "द्रौपदी मुर्मू", "मुर्मू", "Драупади Мурму", "Мурму"]),
        new("narendra-modi", "Narendra Modi", "IN", ["Modi", "Narendra Damodardas Modi", "नरेन्द्र मोदी", "मोदी", "Нарендра Моди", "Моди"]),

        // Indonesia
        new("prabowo-subianto", "Prabowo Subianto", "ID", ["Prabowo", "Prabowo Subianto Djojohadikusumo", "Прабово Субианто", "Прабово"]),

        // Italy
        new("sergio-mattarella", "Sergio Mattarella", "IT", ["Mattarella", "Серджо Маттарелла", "Маттарелла"]),
        new("giorgia-meloni", "Giorgia Meloni", "IT", ["Meloni", "Джорджа Мелони", "Мелони", "Джорджа Мелоні", "Мелоні"]),

        // Japan
        new("naruhito", "Naruhito", "JP", ["Emperor Naruhito", "徳仁", "Нарухито", "나루히토"]),
        new("sanae-takaichi", "Sanae Takaichi", "JP", ["Takaichi", "Takaichi Sanae", "高市早苗", "高市", "Санаэ Такаити", "Такаити", "다카이치 사나에"]),

        // Mexico
        new("claudia-sheinbaum", "Claudia Sheinbaum", "MX", ["Sheinbaum", "Claudia Sheinbaum Pardo", "Клаудия Шейнбаум", "Шейнбаум"]),

        // Russia
        new("vladimir-putin", "Vladimir Putin", "RU", ["Putin", "Vladimir Vladimirovich Putin", "Vladimir Poutine", "Poutine", "Wladimir Putin", "Владимир Путин", "Владимир Владимирович Путин", "Путин", "Володимир Путін", "Путін"]),
        new("mikhail-mishustin", "Mikhail Mishustin", "RU", ["Mishustin", "Mikhail Vladimirovich Mishustin", "Mikhaïl Michoustine", "Michail Mischustin", "Михаил Мишустин", "Михаил Владимирович Мишустин", "Мишустин", "Михайло Мішустін"]),

        // Saudi Arabia
        new("salman-bin-abdulaziz-al-saud", "Salman bin Abdulaziz Al Saud", "SA", ["King Salman", "Salman bin Abdulaziz", "سلمان بن عبدالعزيز آل سعود", "الملك سلمان", "Сальман бен Абдель Азиз Аль Сауд", "Король Сальман"]),
        new("mohammed-bin-salman", "Mohammed bin Salman", "SA", ["MBS", "Mohammed bin Salman Al Saud", "Muhammad bin Salman", "Mohammad bin Salman", "Mohammed ben Salmane", "محمد بن سلمان", "محمد بن سلمان آل سعود", "Мухаммед бен Сальман"]),

        // South Africa
        new("cyril-ramaphosa", "Cyril Ramaphosa", "ZA", ["Ramaphosa", "Matamela Cyril Ramaphosa", "Сирил Рамафоса", "Рамафоса"]),

        // South Korea
        new("lee-jae-myung", "Lee Jae-myung", "KR", ["이재명", "李在明", "Ли Чжэ Мён"]),
        new("kim-min-seok", "Kim Min-seok", "KR", ["김민석", "Ким Мин Сок"]),

        // Türkiye
        new("recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "TR", ["Erdoğan", "Tayyip Erdoğan", "Реджеп Тайип Эрдоган", "Эрдоган", "Ердоган", "رجب طيب أردوغان"]),

        // Ukraine
        new("volodymyr-zelenskyy", "Volodymyr Zelenskyy", "UA", ["Zelenskyy", "Zelensky", "Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskiy", "Volodymyr Oleksandrovych Zelenskyy", "Volodimir Zelenskiy", "Wolodymyr Selenskyj", "Selenskyj", "Володимир Зеленський", "Зеленський", "Владимир Зеленский", "Зеленский"]),
        new("yulia-svyrydenko", "Yulia Svyrydenko", "UA", ["Svyrydenko", "Yuliia Svyrydenko", "Yulia Anatoliivna Svyrydenko", "Юлія Свириденко", "Юлія Анатоліївна Свириденко", "Юлия Свириденко", "Свириденко"]),

        // United Kingdom
        new("charles-iii", "Charles III", "GB", ["King Charles III", "King Charles", "Charles Philip Arthur George", "Карл III", "Король Карл III", "Чарльз III"]),
        new("keir-starmer", "Keir Starmer", "GB", ["Starmer", "Sir Keir Starmer", "Keir Rodney Starmer", "Кир Стармер", "Кір Стармер", "Стармер"]),

        // United States
        new("donald-trump", "Donald Trump", "US", ["Trump", "Donald J. Trump", "Donald John Trump", "Дональд Трамп", "Трамп", "دونالد ترامب"]),
    ];
}
