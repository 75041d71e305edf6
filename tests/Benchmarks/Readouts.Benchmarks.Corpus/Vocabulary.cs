namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// The texts of one language. Sentences are real prose with the inflected forms a readout uses
/// (negotiations, negotiated, negotiating), so that full-text search only finds them through
/// the language's stemmer; {a} is the publishing side's leader, {b} the other side's, {x} a rarer
/// word. <see cref="QueryWords"/> are other inflections of words in the texts.
/// </summary>
internal sealed record Vocabulary(
    string Code,
    string[] Titles,
    string[] Sentences,
    string[] Details,
    string[] RareWords,
    string[] Statements,
    string[] QueryWords)
{
    public static IReadOnlyList<Vocabulary> All { get; } = [English(), Russian(), Turkish(), French(), Spanish()];

    public static Vocabulary Of(string code) => All.First(v => v.Code == code);

    private static Vocabulary English() => new(
        "en",
        [
            "Telephone conversation with {b}",
            "{a} holds a phone call with {b}",
            "Readout of {a}'s call with {b}",
            "{a} spoke with {b} by telephone",
        ],
        [
            "{a} held a telephone conversation with {b}.",
            "The leaders discussed bilateral relations and the prospects for cooperation in trade, energy and investments.",
            "They exchanged views on the situation in the region and agreed to continue negotiations at the level of foreign ministers.",
            "{a} stressed the importance of a just and lasting peace and of strengthening the ceasefire.",
            "Both sides noted the growth of mutual trade and the progress of joint infrastructure projects.",
            "The presidents agreed to maintain regular contacts and instructed their governments to prepare new agreements.",
            "{a} congratulated {b} on the successful elections and wished the people prosperity.",
            "{a} expressed condolences over the victims of the earthquake and offered humanitarian assistance.",
            "Issues of regional security, the exchange of prisoners and the supply of grain were also discussed.",
            "The conversation was constructive and businesslike, and the parties reaffirmed their commitment to dialogue.",
            "{b} thanked {a} for the invitation and confirmed the visit planned for the autumn.",
            "The sides negotiated the terms of the energy supplies and the protection of investors.",
            "They underlined the need for a diplomatic settlement and for humanitarian corridors to be opened.",
            "{a} informed {b} about the outcome of the recent summit and the decisions taken there.",
            "The leaders welcomed the strengthening of cultural, educational and scientific exchanges.",
            "Negotiating teams will meet next month to finalise the investment and visa agreements.",
            "Particular attention was paid to sanctions, the stability of financial markets and food security.",
            "The two leaders condemned terrorism in all its forms and agreed to deepen intelligence cooperation.",
            "{b} briefed {a} on preparations for the upcoming international conference.",
            "It was agreed that the delegations would continue their work and report to the presidents.",
        ],
        [
            "The leaders also touched upon {x}.",
            "Separately, they discussed {x}.",
            "{a} raised the question of {x}.",
        ],
        [
            "the grain corridor", "desalination plants", "hydrogen pipelines", "fertiliser exports", "nuclear safety at the power plant",
            "the reconstruction of damaged ports", "semiconductor supply chains", "migration across the border", "the wildfire season",
            "the space programme", "fisheries quotas", "the railway modernisation", "vaccine production", "the debt restructuring",
            "the demining of farmland", "civil aviation routes", "the copper mines", "the refugee camps", "the drought in the south",
            "customs procedures", "the liquefied gas terminal", "peacekeeping missions", "the archaeological heritage", "the football championship",
        ],
        [
            "We will continue our efforts for a just and lasting peace.",
            "Our countries are ready to expand cooperation in energy and trade.",
            "The negotiations must resume without delay.",
            "We welcome the progress achieved by our governments.",
            "Humanitarian issues remain our priority.",
        ],
        [
            "negotiate", "discussions", "cooperated", "agreeing", "sanction", "invest", "visiting", "elected", "supply",
            "congratulate", "exchanging", "earthquakes", "peaceful", "strengthened", "invited", "condemning", "terror",
            "deepening", "desalination", "fertilisers", "pipeline", "wildfires", "semiconductors", "fisheries", "vaccines",
        ]);

    private static Vocabulary Russian() => new(
        "ru",
        [
            "Телефонный разговор с {b}",
            "{a} провёл телефонный разговор с {b}",
            "Состоялся телефонный разговор {a} и {b}",
        ],
        [
            "Состоялся телефонный разговор {a} с {b}.",
            "Обсуждались вопросы двустороннего сотрудничества в торговой, энергетической и инвестиционной сферах.",
            "Стороны обменялись мнениями о ситуации в регионе и договорились продолжить переговоры на уровне министров иностранных дел.",
            "{a} подчеркнул важность справедливого и прочного мира и укрепления режима прекращения огня.",
            "Отмечен рост взаимного товарооборота и успешная реализация совместных инфраструктурных проектов.",
            "Президенты условились поддерживать регулярные контакты и поручили правительствам подготовить новые соглашения.",
            "{a} поздравил {b} с успешным проведением выборов и пожелал народу благополучия.",
            "{a} выразил соболезнования в связи с многочисленными жертвами землетрясения и предложил гуманитарную помощь.",
            "Затрагивались также темы региональной безопасности, обмена военнопленными и поставок зерна.",
            "Разговор носил конструктивный и деловой характер, стороны подтвердили приверженность диалогу.",
            "{b} поблагодарил {a} за приглашение и подтвердил намеченный на осень визит.",
            "В ходе переговоров обсуждены условия поставок энергоносителей и защиты инвестиций.",
            "Подчёркнута необходимость политико-дипломатического урегулирования и открытия гуманитарных коридоров.",
            "{a} проинформировал собеседника об итогах недавнего саммита и принятых на нём решениях.",
            "Лидеры приветствовали развитие культурных, образовательных и научных обменов.",
            "Переговорные группы встретятся в следующем месяце, чтобы завершить работу над соглашениями об инвестициях и визах.",
            "Особое внимание уделено санкциям, стабильности финансовых рынков и продовольственной безопасности.",
            "Собеседники осудили терроризм во всех его проявлениях и договорились углублять сотрудничество спецслужб.",
            "{b} рассказал о подготовке к предстоящей международной конференции.",
            "Условлено, что делегации продолжат работу и доложат президентам о её результатах.",
        ],
        [
            "Затронута также тема {x}.",
            "Отдельно обсуждался вопрос {x}.",
            "{a} поднял вопрос {x}.",
        ],
        [
            "зернового коридора", "опреснительных установок", "водородных трубопроводов", "экспорта удобрений", "ядерной безопасности на электростанции",
            "восстановления разрушенных портов", "поставок полупроводников", "миграции через границу", "лесных пожаров",
            "космической программы", "рыболовных квот", "модернизации железных дорог", "производства вакцин", "реструктуризации долга",
            "разминирования сельхозугодий", "авиасообщения", "медных рудников", "лагерей беженцев", "засухи на юге",
        ],
        [
            "Мы продолжим усилия ради справедливого и прочного мира.",
            "Наши страны готовы расширять сотрудничество в энергетике и торговле.",
            "Переговоры должны возобновиться без промедления.",
            "Мы приветствуем прогресс, достигнутый нашими правительствами.",
            "Гуманитарные вопросы остаются нашим приоритетом.",
        ],
        [
            "переговорам", "обсуждали", "сотрудничеству", "соглашением", "урегулированию", "поздравили", "торговли",
            "инвестициям", "безопасностью", "визите", "контактами", "выборы", "землетрясений", "санкции", "миром",
            "удобрения", "вакцину", "беженцам", "засуха", "трубопровод", "конференцию", "делегацию", "обмен",
        ]);

    private static Vocabulary Turkish() => new(
        "tr",
        [
            "Cumhurbaşkanı {a}, {b} ile telefonda görüştü",
            "{a} ile {b} arasında telefon görüşmesi",
            "{a}, {b} ile bir telefon görüşmesi gerçekleştirdi",
        ],
        [
            "{a}, {b} ile bir telefon görüşmesi gerçekleştirdi.",
            "Görüşmede ikili ilişkiler ile ticaret, enerji ve yatırım alanlarındaki işbirliği ele alındı.",
            "Taraflar bölgedeki gelişmeler hakkında görüş alışverişinde bulundu ve görüşmelerin dışişleri bakanları düzeyinde sürdürülmesi konusunda mutabık kaldı.",
            "{a}, adil ve kalıcı bir barışın ve ateşkesin güçlendirilmesinin önemine dikkat çekti.",
            "Karşılıklı ticaret hacmindeki artış ve ortak altyapı projelerindeki ilerleme memnuniyetle karşılandı.",
            "Liderler düzenli temaslarını sürdürme kararı aldı ve hükümetlerini yeni anlaşmalar hazırlamakla görevlendirdi.",
            "{a}, {b} ile seçimlerdeki başarısı için tebrik etti ve halkına refah diledi.",
            "{a}, depremde hayatını kaybedenler için taziyelerini iletti ve insani yardım teklif etti.",
            "Bölgesel güvenlik, esir takası ve tahıl sevkiyatı konuları da görüşmelerde ele alındı.",
            "Yapıcı ve samimi bir havada geçen görüşmede taraflar diyaloğa bağlılıklarını teyit etti.",
            "{b}, davet için {a} ile teşekkür etti ve sonbaharda planlanan ziyareti teyit etti.",
            "Enerji sevkiyatlarının koşulları ve yatırımların korunması müzakere edildi.",
            "Diplomatik bir çözümün ve insani koridorların açılmasının gerekliliği vurgulandı.",
            "{a}, son zirvenin sonuçları ve orada alınan kararlar hakkında bilgi verdi.",
            "Liderler kültürel, eğitim ve bilimsel değişimlerin güçlenmesinden memnuniyet duydu.",
            "Müzakere heyetleri yatırım ve vize anlaşmalarını sonuçlandırmak üzere gelecek ay bir araya gelecek.",
            "Yaptırımlar, finans piyasalarının istikrarı ve gıda güvenliği konularına özel önem verildi.",
            "İki lider terörün her türlüsünü kınadı ve istihbarat işbirliğini derinleştirme konusunda anlaştı.",
            "{b}, yaklaşan uluslararası konferansa yönelik hazırlıklar hakkında bilgi verdi.",
            "Heyetlerin çalışmalarını sürdürmesi ve sonuçları cumhurbaşkanlarına sunması kararlaştırıldı.",
        ],
        [
            "Görüşmede ayrıca {x} konusu ele alındı.",
            "Ayrıca {x} meselesi görüşüldü.",
            "{a}, {x} konusunu gündeme getirdi.",
        ],
        [
            "tahıl koridoru", "tuzdan arındırma tesisleri", "hidrojen boru hatları", "gübre ihracatı", "nükleer santralin güvenliği",
            "hasar gören limanların yeniden inşası", "yarı iletken tedarik zincirleri", "sınır ötesi göç", "orman yangınları",
            "uzay programı", "balıkçılık kotaları", "demiryolu modernizasyonu", "aşı üretimi", "borç yapılandırması",
            "tarım arazilerinin mayından temizlenmesi", "sivil havacılık hatları", "bakır madenleri", "mülteci kampları", "güneydeki kuraklık",
        ],
        [
            "Adil ve kalıcı bir barış için çabalarımızı sürdüreceğiz.",
            "Ülkelerimiz enerji ve ticarette işbirliğini genişletmeye hazırdır.",
            "Müzakereler gecikmeden yeniden başlamalıdır.",
            "Hükümetlerimizin kaydettiği ilerlemeyi memnuniyetle karşılıyoruz.",
            "İnsani konular önceliğimiz olmaya devam ediyor.",
        ],
        [
            "görüşmesi", "ilişkilerde", "işbirliğini", "barışa", "ticareti", "güvenliği", "depremin", "yatırımı",
            "ziyaretinde", "görüşmelerin", "anlaşmaları", "ateşkesin", "seçimler", "yaptırım", "kuraklığı", "limanların",
            "görüşmeyi", "aşının", "konferansın", "heyeti", "müzakereleri",
        ]);

    private static Vocabulary French() => new(
        "fr",
        [
            "Entretien téléphonique avec {b}",
            "Entretien de {a} avec {b}",
            "{a} s'est entretenu avec {b}",
        ],
        [
            "{a} s'est entretenu par téléphone avec {b}.",
            "Les dirigeants ont évoqué les relations bilatérales et les perspectives de coopération dans le commerce, l'énergie et les investissements.",
            "Ils ont échangé sur la situation dans la région et sont convenus de poursuivre les négociations au niveau des ministres des affaires étrangères.",
            "{a} a souligné l'importance d'une paix juste et durable et du renforcement du cessez-le-feu.",
            "Les deux parties ont salué la croissance des échanges commerciaux et l'avancement des projets d'infrastructure communs.",
            "Les présidents sont convenus de maintenir des contacts réguliers et ont chargé leurs gouvernements de préparer de nouveaux accords.",
            "{a} a félicité {b} pour le succès des élections et a souhaité la prospérité à son peuple.",
            "{a} a présenté ses condoléances aux familles des victimes du séisme et a proposé une aide humanitaire.",
            "Les questions de sécurité régionale, l'échange de prisonniers et les livraisons de céréales ont également été abordées.",
            "L'entretien a été constructif et les parties ont réaffirmé leur attachement au dialogue.",
            "{b} a remercié {a} pour son invitation et a confirmé la visite prévue à l'automne.",
            "Les parties ont négocié les conditions des livraisons d'énergie et la protection des investisseurs.",
            "Ils ont souligné la nécessité d'un règlement diplomatique et de l'ouverture de corridors humanitaires.",
            "{a} a informé {b} des résultats du récent sommet et des décisions qui y ont été prises.",
            "Les dirigeants se sont félicités du renforcement des échanges culturels, éducatifs et scientifiques.",
            "Les équipes de négociateurs se réuniront le mois prochain pour finaliser les accords sur les investissements et les visas.",
            "Une attention particulière a été accordée aux sanctions, à la stabilité des marchés financiers et à la sécurité alimentaire.",
            "Les deux dirigeants ont condamné le terrorisme sous toutes ses formes et sont convenus d'approfondir la coopération des services de renseignement.",
            "{b} a informé son interlocuteur des préparatifs de la prochaine conférence internationale.",
            "Il a été convenu que les délégations poursuivraient leurs travaux et en rendraient compte aux présidents.",
        ],
        [
            "Les dirigeants ont également abordé {x}.",
            "Ils ont par ailleurs évoqué {x}.",
            "{a} a soulevé la question de {x}.",
        ],
        [
            "le corridor céréalier", "les usines de dessalement", "les gazoducs d'hydrogène", "les exportations d'engrais", "la sûreté nucléaire de la centrale",
            "la reconstruction des ports endommagés", "les chaînes d'approvisionnement en semi-conducteurs", "les migrations à la frontière", "les incendies de forêt",
            "le programme spatial", "les quotas de pêche", "la modernisation ferroviaire", "la production de vaccins", "la restructuration de la dette",
            "le déminage des terres agricoles", "les liaisons aériennes", "les mines de cuivre", "les camps de réfugiés", "la sécheresse dans le sud",
        ],
        [
            "Nous poursuivrons nos efforts pour une paix juste et durable.",
            "Nos pays sont prêts à élargir leur coopération dans l'énergie et le commerce.",
            "Les négociations doivent reprendre sans délai.",
            "Nous saluons les progrès accomplis par nos gouvernements.",
            "Les questions humanitaires restent notre priorité.",
        ],
        [
            "négociation", "coopérations", "entretiens", "échanger", "investissement", "négociateur", "visites", "relation",
            "accord", "élection", "séismes", "sanction", "paix", "renforcer", "négocier", "réfugié", "vaccin", "sommets",
            "conférences", "délégation", "livraison",
        ]);

    private static Vocabulary Spanish() => new(
        "es",
        [
            "Conversación telefónica con {b}",
            "{a} mantuvo una conversación telefónica con {b}",
            "Llamada de {a} con {b}",
        ],
        [
            "{a} mantuvo una conversación telefónica con {b}.",
            "Los mandatarios abordaron las relaciones bilaterales y las perspectivas de cooperación en comercio, energía e inversiones.",
            "Intercambiaron opiniones sobre la situación en la región y acordaron continuar las negociaciones a nivel de cancilleres.",
            "{a} subrayó la importancia de una paz justa y duradera y del fortalecimiento del alto el fuego.",
            "Ambas partes destacaron el crecimiento del comercio mutuo y el avance de los proyectos conjuntos de infraestructura.",
            "Los presidentes acordaron mantener contactos regulares e instruyeron a sus gobiernos a preparar nuevos acuerdos.",
            "{a} felicitó a {b} por el éxito de las elecciones y deseó prosperidad a su pueblo.",
            "{a} expresó sus condolencias por las víctimas del terremoto y ofreció asistencia humanitaria.",
            "También se trataron la seguridad regional, el intercambio de prisioneros y el suministro de cereales.",
            "La conversación fue constructiva y las partes reafirmaron su compromiso con el diálogo.",
            "{b} agradeció a {a} la invitación y confirmó la visita prevista para el otoño.",
            "Las partes negociaron las condiciones de los suministros energéticos y la protección de los inversores.",
            "Subrayaron la necesidad de una solución diplomática y de la apertura de corredores humanitarios.",
            "{a} informó a {b} sobre los resultados de la reciente cumbre y las decisiones adoptadas.",
            "Los mandatarios celebraron el fortalecimiento de los intercambios culturales, educativos y científicos.",
            "Los equipos negociadores se reunirán el próximo mes para concluir los acuerdos de inversiones y visados.",
            "Se prestó especial atención a las sanciones, la estabilidad de los mercados financieros y la seguridad alimentaria.",
            "Ambos líderes condenaron el terrorismo en todas sus formas y acordaron profundizar la cooperación en inteligencia.",
            "{b} informó sobre los preparativos de la próxima conferencia internacional.",
            "Se acordó que las delegaciones continuarán su trabajo e informarán a los presidentes.",
        ],
        [
            "Los mandatarios también abordaron {x}.",
            "Por separado, trataron {x}.",
            "{a} planteó la cuestión de {x}.",
        ],
        [
            "el corredor de cereales", "las plantas desalinizadoras", "los gasoductos de hidrógeno", "las exportaciones de fertilizantes", "la seguridad nuclear de la central",
            "la reconstrucción de los puertos dañados", "las cadenas de suministro de semiconductores", "la migración en la frontera", "los incendios forestales",
            "el programa espacial", "las cuotas de pesca", "la modernización ferroviaria", "la producción de vacunas", "la reestructuración de la deuda",
            "el desminado de tierras agrícolas", "las rutas aéreas", "las minas de cobre", "los campos de refugiados", "la sequía en el sur",
        ],
        [
            "Continuaremos nuestros esfuerzos por una paz justa y duradera.",
            "Nuestros países están dispuestos a ampliar la cooperación en energía y comercio.",
            "Las negociaciones deben reanudarse sin demora.",
            "Celebramos los avances logrados por nuestros gobiernos.",
            "Las cuestiones humanitarias siguen siendo nuestra prioridad.",
        ],
        [
            "negociación", "conversaciones", "acuerdo", "elección", "terremotos", "sanción", "inversión", "visitas",
            "cooperar", "intercambios", "fortalecer", "cumbres", "refugiado", "vacuna", "sequías", "conferencias",
            "delegación", "suministros", "felicitaciones", "negociar", "puerto",
        ]);
}
