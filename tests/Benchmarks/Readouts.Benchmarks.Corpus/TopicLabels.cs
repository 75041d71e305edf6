namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// A topic of the corpus as each side labels it, in its own language. Most are labels the API's
/// registry resolves to a subject (its names: Санкции, Yaptırımlar, Sanctions, Sanciones are one);
/// some are labels of their own, as real readouts have.
/// </summary>
internal sealed record TopicSpec(string En, string Ru, string Tr, string Fr, string Es)
{
    public string In(string language) => language switch
    {
        "ru" => Ru,
        "tr" => Tr,
        "fr" => Fr,
        "es" => Es,
        _ => En,
    };

    public IReadOnlyList<string> All => [En, Ru, Tr, Fr, Es];
}

internal static class TopicLabels
{
    /// <summary>The recurring subjects of calls, most talked about first.</summary>
    public static IReadOnlyList<TopicSpec> Thematic { get; } =
    [
        new("Bilateral relations", "Двусторонние отношения", "İkili ilişkiler", "Relations bilatérales", "Relaciones bilaterales"),
        new("Trade and investment", "Торговля и инвестиции", "Ticaret ve yatırım", "Commerce et investissements", "Comercio e inversiones"),
        new("Energy cooperation", "Энергетическое сотрудничество", "Enerji işbirliği", "Coopération énergétique", "Cooperación energética"),
        new("Russia–Ukraine war", "Украинский кризис", "Rusya-Ukrayna savaşı", "Guerre en Ukraine", "Guerra en Ucrania"),
        new("Regional and global issues", "Региональные и международные вопросы", "Bölgesel ve küresel meseleler", "Questions régionales et internationales", "Cuestiones regionales e internacionales"),
        new("Middle East situation", "Ситуация на Ближнем Востоке", "Orta Doğu'daki durum", "Situation au Moyen-Orient", "Situación en Oriente Medio"),
        new("Security cooperation", "Сотрудничество в сфере безопасности", "Güvenlik işbirliği", "Coopération en matière de sécurité", "Cooperación en materia de seguridad"),
        new("Humanitarian aid", "Гуманитарная помощь", "İnsani yardım", "Aide humanitaire", "Ayuda humanitaria"),
        new("Counter-terrorism", "Борьба с терроризмом", "Terörle mücadele", "Lutte contre le terrorisme", "Lucha contra el terrorismo"),
        new("Climate change", "Изменение климата", "İklim değişikliği", "Changement climatique", "Cambio climático"),
        new("Food security", "Продовольственная безопасность", "Gıda güvenliği", "Sécurité alimentaire", "Seguridad alimentaria"),
        new("Grain exports", "Экспорт зерна", "Tahıl ihracatı", "Exportations de céréales", "Exportaciones de grano"),
        new("Nuclear energy", "Атомная энергетика", "Nükleer enerji", "Énergie nucléaire", "Energía nuclear"),
        new("Gas supplies", "Поставки газа", "Gaz tedariki", "Approvisionnement en gaz", "Suministro de gas"),
        new("Oil prices", "Цены на нефть", "Petrol fiyatları", "Prix du pétrole", "Precios del petróleo"),
        new("Sanctions", "Санкции", "Yaptırımlar", "Sanctions", "Sanciones"),
        new("Prisoner exchange", "Обмен пленными", "Esir takası", "Échange de prisonniers", "Intercambio de prisioneros"),
        new("Ceasefire", "Прекращение огня", "Ateşkes", "Cessez-le-feu", "Alto el fuego"),
        new("Peace talks", "Мирные переговоры", "Barış görüşmeleri", "Pourparlers de paix", "Conversaciones de paz"),
        new("Migration", "Миграция", "Göç", "Migration", "Migración"),
        new("Defence industry", "Оборонная промышленность", "Savunma sanayii", "Industrie de défense", "Industria de defensa"),
        new("Arms control", "Контроль над вооружениями", "Silahların kontrolü", "Maîtrise des armements", "Control de armamentos"),
        new("Cybersecurity", "Кибербезопасность", "Siber güvenlik", "Cybersécurité", "Ciberseguridad"),
        new("Public health", "Здравоохранение", "Halk sağlığı", "Santé publique", "Salud pública"),
        new("Pandemic response", "Борьба с пандемией", "Pandemiyle mücadele", "Lutte contre la pandémie", "Respuesta a la pandemia"),
        new("Vaccines", "Вакцины", "Aşılar", "Vaccins", "Vacunas"),
        new("Education and culture", "Образование и культура", "Eğitim ve kültür", "Éducation et culture", "Educación y cultura"),
        new("Tourism", "Туризм", "Turizm", "Tourisme", "Turismo"),
        new("Transport corridors", "Транспортные коридоры", "Ulaştırma koridorları", "Corridors de transport", "Corredores de transporte"),
        new("Infrastructure projects", "Инфраструктурные проекты", "Altyapı projeleri", "Projets d'infrastructure", "Proyectos de infraestructura"),
        new("Agriculture", "Сельское хозяйство", "Tarım", "Agriculture", "Agricultura"),
        new("Fisheries", "Рыболовство", "Balıkçılık", "Pêche", "Pesca"),
        new("Space cooperation", "Космическое сотрудничество", "Uzay işbirliği", "Coopération spatiale", "Cooperación espacial"),
        new("Digital economy", "Цифровая экономика", "Dijital ekonomi", "Économie numérique", "Economía digital"),
        new("Artificial intelligence", "Искусственный интеллект", "Yapay zeka", "Intelligence artificielle", "Inteligencia artificial"),
        new("Critical minerals", "Критически важные минералы", "Kritik mineraller", "Minerais critiques", "Minerales críticos"),
        new("Debt relief", "Облегчение долгового бремени", "Borç hafifletme", "Allègement de la dette", "Alivio de la deuda"),
        new("Development finance", "Финансирование развития", "Kalkınma finansmanı", "Financement du développement", "Financiación del desarrollo"),
        new("Elections", "Выборы", "Seçim", "Élections", "Elecciones"),
        new("Congratulations on the national day", "Поздравление с национальным праздником", "Milli bayram tebriki", "Félicitations pour la fête nationale", "Felicitaciones por el día nacional"),
        new("Condolences", "Соболезнования", "Taziye", "Condoléances", "Condolencias"),
        new("Earthquake relief", "Помощь пострадавшим от землетрясения", "Deprem yardımı", "Aide aux victimes du séisme", "Ayuda tras el terremoto"),
        new("Flood relief", "Помощь пострадавшим от наводнения", "Sel yardımı", "Aide aux victimes des inondations", "Ayuda por las inundaciones"),
        new("Wildfires", "Лесные пожары", "Orman yangınları", "Feux de forêt", "Incendios forestales"),
        new("Water resources", "Водные ресурсы", "Su kaynakları", "Ressources en eau", "Recursos hídricos"),
        new("Black Sea security", "Безопасность в Черноморском регионе", "Karadeniz güvenliği", "Sécurité en mer Noire", "Seguridad en el mar Negro"),
        new("Syria", "Сирия", "Suriye", "Syrie", "Siria"),
        new("Gaza", "Сектор Газа", "Gazze", "Bande de Gaza", "Franja de Gaza"),
        new("Iran nuclear programme", "Ядерная программа Ирана", "İran'ın nükleer programı", "Programme nucléaire iranien", "Programa nuclear iraní"),
        new("Korean Peninsula", "Корейский полуостров", "Kore Yarımadası", "Péninsule coréenne", "Península de Corea"),
        new("Afghanistan", "Афганистан", "Afganistan", "Afghanistan", "Afganistán"),
        new("Libya", "Ливия", "Libya", "Libye", "Libia"),
        new("Sudan", "Судан", "Sudan", "Soudan", "Sudán"),
        new("Sahel security", "Безопасность в Сахеле", "Sahel'de güvenlik", "Sécurité au Sahel", "Seguridad en el Sahel"),
        new("Caucasus settlement", "Урегулирование на Кавказе", "Kafkasya'da çözüm", "Règlement dans le Caucase", "Arreglo en el Cáucaso"),
        new("Cyprus question", "Кипрский вопрос", "Kıbrıs meselesi", "Question chypriote", "Cuestión de Chipre"),
        new("Balkans", "Балканы", "Balkanlar", "Balkans", "Balcanes"),
        new("Arctic cooperation", "Сотрудничество в Арктике", "Arktik işbirliği", "Coopération arctique", "Cooperación en el Ártico"),
        new("G20 presidency", "Председательство в G20", "G20 dönem başkanlığı", "Présidence du G20", "Presidencia del G20"),
        new("BRICS summit", "Саммит БРИКС", "BRICS zirvesi", "Sommet des BRICS", "Cumbre de los BRICS"),
        new("NATO summit", "Саммит НАТО", "NATO zirvesi", "Sommet de l'OTAN", "Cumbre de la OTAN"),
        new("UN Security Council reform", "Реформа Совета Безопасности ООН", "BM Güvenlik Konseyi reformu", "Réforme du Conseil de sécurité", "Reforma del Consejo de Seguridad"),
        new("World Trade Organization", "Всемирная торговая организация", "Dünya Ticaret Örgütü", "Organisation mondiale du commerce", "Organización Mundial del Comercio"),
        new("OPEC+ agreement", "Соглашение ОПЕК+", "OPEC+ anlaşması", "Accord OPEP+", "Acuerdo OPEP+"),
        new("Visa liberalisation", "Либерализация визового режима", "Vize serbestisi", "Libéralisation des visas", "Liberalización de visados"),
        new("Diaspora issues", "Вопросы диаспоры", "Diaspora meseleleri", "Questions de la diaspora", "Asuntos de la diáspora"),
        new("Sports cooperation", "Спортивное сотрудничество", "Spor işbirliği", "Coopération sportive", "Cooperación deportiva"),
        new("Cultural heritage", "Культурное наследие", "Kültürel miras", "Patrimoine culturel", "Patrimonio cultural"),
        new("Science and technology", "Наука и технологии", "Bilim ve teknoloji", "Science et technologie", "Ciencia y tecnología"),
        new("Olympic Games", "Олимпийские игры", "Olimpiyat Oyunları", "Jeux olympiques", "Juegos Olímpicos"),
    ];

    /// <summary>The first 30 countries of <see cref="World.Countries"/> as each language names them in a label.</summary>
    private static readonly (string Ru, string Tr, string Fr, string Es)[] CountryNames =
    [
        ("Россия", "Rusya", "Russie", "Rusia"), ("Турция", "Türkiye", "Turquie", "Turquía"), ("США", "ABD", "États-Unis", "Estados Unidos"),
        ("Украина", "Ukrayna", "Ukraine", "Ucrania"), ("Франция", "Fransa", "France", "Francia"), ("Китай", "Çin", "Chine", "China"),
        ("Германия", "Almanya", "Allemagne", "Alemania"), ("Великобритания", "Birleşik Krallık", "Royaume-Uni", "Reino Unido"), ("Индия", "Hindistan", "Inde", "India"),
        ("Италия", "İtalya", "Italie", "Italia"), ("ЕС", "AB", "UE", "UE"), ("Саудовская Аравия", "Suudi Arabistan", "Arabie saoudite", "Arabia Saudí"),
        ("Бразилия", "Brezilya", "Brésil", "Brasil"), ("Мексика", "Meksika", "Mexique", "México"), ("Аргентина", "Arjantin", "Argentine", "Argentina"),
        ("Япония", "Japonya", "Japon", "Japón"), ("Республика Корея", "Kore Cumhuriyeti", "Corée du Sud", "Corea del Sur"), ("Канада", "Kanada", "Canada", "Canadá"),
        ("Австралия", "Avustralya", "Australie", "Australia"), ("Индонезия", "Endonezya", "Indonésie", "Indonesia"), ("ЮАР", "Güney Afrika", "Afrique du Sud", "Sudáfrica"),
        ("Испания", "İspanya", "Espagne", "España"), ("Казахстан", "Kazakistan", "Kazakhstan", "Kazajistán"), ("Белоруссия", "Belarus", "Biélorussie", "Bielorrusia"),
        ("Киргизия", "Kırgızistan", "Kirghizistan", "Kirguistán"), ("Бельгия", "Belçika", "Belgique", "Bélgica"), ("Сенегал", "Senegal", "Sénégal", "Senegal"),
        ("Кот-д'Ивуар", "Fildişi Sahili", "Côte d'Ivoire", "Costa de Marfil"), ("Марокко", "Fas", "Maroc", "Marruecos"), ("Алжир", "Cezayir", "Algérie", "Argelia"),
    ];

    /// <summary>Relations between two of the first 30 countries, a label of its own in every language.</summary>
    public static TopicSpec Relations(int first, int second, string firstEnglish, string secondEnglish)
    {
        var (a, b) = (CountryNames[first], CountryNames[second]);
        return new(
            $"{firstEnglish}–{secondEnglish} relations",
            $"Отношения {a.Ru} — {b.Ru}",
            $"{a.Tr}–{b.Tr} ilişkileri",
            $"Relations {a.Fr}–{b.Fr}",
            $"Relaciones {a.Es}–{b.Es}");
    }
}
