"""The names beyond the published lists (the long tail), in the order the tail ranks them.

The packaged lists hold a few hundred names; Kazakhstan has thousands of given names and tens of
thousands of surnames. The Kazakh tail is generated here from name-forming elements rather than
invented letter by letter, so it looks and behaves like real names for the names stage:

* **Given names** are single names (Асқар, Баян) and two-element compounds whose elements are
  known to combine: a first element with the endings it takes (Нұр+лан, Ер+болат, Бек+зат,
  Ай+гүл, Жан+ерке, Гүл+нар …; research/names.md §5). ғ of an ending after a voiceless consonant
  is written қ (Сейіт+ғали → Сейітқали), as Kazakh spelling does.
* **Surnames** are overwhelmingly an ancestor's male name, so their roots are older
  Arabic-Persian names that survive mostly in surnames (Ахмет, Оспан, Сүлеймен) and the male
  given names, among them the -бай/-бек names of the grandfathers' generation (Жылқыбай). The
  documented form is root + -ов/-ев (:func:`suffixed_surname`) or, since the 1996 decree, the
  bare root.
* **Russian-document spellings** follow the rendering rule (:func:`russian_rendering`).

Slavic surnames (:func:`slavic_surnames`) are a written list: frequent Russian surnames in the
order of the published frequency lists of Russian surnames (Zhuravlev's, as reproduced in Russian
onomastics; the order, not the counts, is used), with Ukrainian and Kazakhstani German surnames
interleaved by their population shares.

Each table is in the order the tail ranks it (:mod:`undercount.simulate.frequencies`): names
still common among adults first, rarer and older forms later. For the Kazakh tables the order is
a judgement, not a published ranking.
"""

from __future__ import annotations

from functools import cache

from undercount.simulate.transliteration import NameSystem, write_name

_VOICELESS = set("кқпстфхшщчц")
_HUSHING = set("жшщчц")
_REGULAR_VOWEL_ENDINGS = ("а", "е", "и")
_SOFT_ELEMENTS = {"гүл": "гуль", "күл": "куль"}

# First element: the endings it takes. Names that also stand alone are in _MALE_SINGLE.
_MALE_COMPOUNDS = """
Нұр: лан бол болат бек жан сұлтан ғали дәулет ислам асыл хан тай бай мұрат дос берген мағамбет
Ер: лан бол болат бек жан ғали нар ден асыл сұлтан тай хан дәулет нұр мұрат
Бек: болат жан зат сұлтан нұр мұрат тас бай мұхамбет
Жан: болат бек серік дос бай ғали мұрат сейіт тай
Ақ: жол тан бай берген жігіт
Ай: бек дос бол сұлтан бар
Ел: жас дос нұр
Қара: бай бек тай сай
Бақыт: жан бек бай
Асқар: бек бай
Серік: бай бол жан бек
Мұрат: бек бай
Болат: бек жан хан
Қайрат: бек
Талғат: бек
Қанат: бек бай
Берік: бол жан бай
Ораз: бек бай ғали
Жұма: бек бай ғали хан
Төлеу: бай бек
Тілеу: берді бай бек
Сәрсен: бай бек
Дүйсен: бай бек
Бейсен: бай бек
Сейсен: бай бек
Жексен: бай бек
Есен: бай бек ғали гелді
Аман: гелді бай жол тай бек
Сағын: бай тай бек
Құдай: берген берді
Алла: берген берді
Жақсы: бай бек
Дос: жан бол бай мұхамед
Бай: жан зақ бек тұрсын
Сұлтан: бек мұрат махмұт бай
Қасым: бек жан хан
Сейіт: бек жан хан ғали
Мұхамед: жан ғали
Ахмет: жан бек ғали
Омар: бек жан
Әбіл: хан қайыр
Әбді: ғали қадыр рашит жаппар кәрім халық
Мейрам: бек
Мейір: бек жан хан
Өмір: бек зақ серік хан
Темір: бек хан болат жан
Алтын: бек
Тұрсын: бек бай
Тұрған: бай
Ғалым: бек
Дәулет: бек жан хан
Тас: мағамбет бол
Әлім: бек жан
Әшім: бек
Иса: бек
Мұса: бек
Жүсіп: бек
Құрман: бек бай ғали
Жолдас: бек бай
Қожа: бек
Ермек: бай бек
Ізбасар: бек
Кенже: бай бек ғали
Тоқтар: бай бек
Сапар: бай бек ғали
Әбен: бай
Мамыр: бек бай
"""

_MALE_SINGLE = """
Досым Тілек Ермек Сағын Төлеу Есен Сәрсен Дүйсен Сейсен Жексен Ораз Өмірзақ Қуандық Ғалым Мейрам
Темір Әбіл Бекет Бердібек Серғазы Тұрар Бақберген Жанат Ринат Марлен Мақсұт Нығмет Сәбит Хамит
Кәрім Рахым Асан Жақып Қадыр Ғазиз Мұса Иса Құрман Кенже Сапар Тоқтар Жолдас Ескендір Сыздық
Айдын Алдан Алмат Алпамыс Алтай Арлан Арнұр Арыстан Асыл Ақан Әнуар Бағлан Бату Бейбарыс Бекарыс
Бүркіт Дархан Жалғас Жандар Жарас Жігер Зарлық Ибрагим Қазбек Қайсар Қамбар Қуат Құрал Мәди Мұхит
Назар Нариман Оңғар Орал Өркен Рамазан Рауан Риза Сабыр Сайран Сержан Сырым Тайыр Талап Тамерлан
Тұрлан Ұлан Ұлықбек Шалқар Ырысбек Батыр Сұңқар Қыран Бақтияр Жәнібек Қазыбек Әкім Әділет
Ерсайын Еркебұлан Мейірлан Нұрым Мұқағали Әуелбек Сейілхан Құсмұрат Ғани Қожахмет
"""

# Male names that take -бек, -жан and -бай (Ахметжан, Қасымбек, Сапарбай), and words that take
# -бай and -бек (Жылқыбай, Алтынбек, Жетпісбай): the commonest way Kazakh names were formed.
_NAME_STEMS = """
Ахмет Омар Оспан Қасым Сейіт Жұма Есен Сапар Құрман Ораз Кенже Әлім Әшім Мұса Иса Жүсіп Нұр Бақыт
Мұрат Серік Қайрат Болат Асқар Талғат Қанат Берік Темір Тұрсын Сәрсен Дүйсен Бейсен Сейсен Жексен
Тоқтар Жолдас Ермек Мамыр Мамбет Рахым Садық Хасен Асан Үсен Қадыр Кәрім Сәбит Хамит Сыздық Бекет
Тілеу Төлеу Сағын Дос Мырза Әбіл Мейір Өмір Ғалым Дәулет Әділ Әмір Алмас Асыл Қуат Назар Тайыр
Ізбасар Ақыл Қыдыр Сұлтан Мақсұт Нығмет Жақып Жәлел Ғазиз Айдар Еркін Жеңіс Мақсат Сабыр Сайлау
Сейіл Ұлық Қали Нияз Ислам Рүстем Жарқын Мұхтар Бағдат Әлі
"""
_WORD_STEMS = """
Жылқы Қойшы Түгел Сауда Тұрлы Жаңа Рысқұл Сары Өтеп Өте Сәт Ерден Қуаныш Ақ Қара Көк Бала Ел
Жақсы Алтын Күміс Бота Қозы Арыстан Бөрі Қыран Бүркіт Сұңқар Батыр Жетпіс Алпыс Сексен Тоқсан
Мың Қырық Елу Сыр Балта Қалды Байсал Тұрған Бақ Ер Жан Тас Рыс Орда
"""

_ANCESTOR_ONLY = """
Ахмет Оспан Сүлеймен Ысқақ Садық Смағұл Исмайыл Кәрім Қали Құсайын Мұқан Асан Үсен Хасен Әбен
Рахым Мамыр Әлім Әшім Мамбет Жақып Ыдырыс Мақсұт Мәжит Нығмет Сәбит Уәли Хамит Шәріп Шәкір
Зейнолла Зәкір Ғаббас Ғазиз Жәлел Қадыр Мағамбет Ыбырай Бекет Сыздық Тәжі Байғара Жанқара Түгел
Көшер Мырзахмет Досан Шалабай Кемел Тұяқ Әубәкір Байсал Мырза Бөлтірік Ізтұрған Қарабала
"""

_FEMALE_COMPOUNDS = """
Ай: гүл жан нұр сұлу дана сәуле ару зада сана
Гүл: нар нұр жан мира наз шат сім дана жамал сара бану зада зия айым зира бахрам жихан ғайша
Ақ: бота ерке марал тоты сұлу нұр жібек маржан бала
Нұр: гүл сұлу жамал бибі ай дана
Жан: ерке сұлу гүл
Күн: ай гүл
Алтын: ай гүл шаш
Бал: жан нұр
Бибі: гүл жан сара
Ұл: дана болсын
Мейір: гүл
Мейрам: гүл
Әсем: гүл
Наз: гүл ерке
Анар: гүл
Раушан: гүл
Сәуле: гүл
Меру: ерт
Бота: гөз
Бақыт: гүл жамал
Алма: гүл
Айна: гүл
Дана: гүл
Май: гүл
Ая: жан
"""

_FEMALE_SINGLE = """
Баян Ғалия Гауһар Дариға Жамал Зейнеп Мақпал Мәншүк Нәзипа Рәбиға Салима Ұмсын Фатима Хадиша
Шара Ырыс Айман Гүлбану Гүлсара Күлпаш Қалампыр Ақтоты Алма Арай Балауса Жаңыл Зағира Інкәр
Лаура Назым Сания Ұлдана Шәрбану Сақыпжамал Бәтима Зере Дария Ару Карина Алина Диана
Милана Ясмина Жания Құралай Ардақ Ділназ
"""


def _words(table: str) -> list[str]:
    return table.split()


def _join(first: str, ending: str) -> str:
    """Two elements as one name, ғ of the ending devoiced to қ after a voiceless consonant."""
    if ending.startswith("ғ") and first[-1] in _VOICELESS:
        ending = "қ" + ending[1:]
    return first + ending


def _compounds(table: str) -> list[str]:
    """Compounds in rank order: every first element's first ending, then every second one …"""
    rows = []
    for line in table.strip().splitlines():
        first, endings = line.split(":")
        rows.append([_join(first.strip(), ending) for ending in endings.split()])
    longest = max(len(row) for row in rows)
    return [row[i] for i in range(longest) for row in rows if i < len(row)]


def _products(stems: str, endings: tuple[str, ...]) -> list[str]:
    """Every stem with every ending, in rank order: all stems' first ending, then the second …"""
    return [_join(stem, ending) for ending in endings for stem in _words(stems)]


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


@cache
def male_given_names() -> tuple[str, ...]:
    """Generated male given names in rank order: the written compounds interleaved with single
    names, then the stems' -бек/-жан/-бай names (rarer: fewer of them are names of today)."""
    compounds, single = _compounds(_MALE_COMPOUNDS), _words(_MALE_SINGLE)
    merged = [name for pair in zip(compounds, single, strict=False) for name in pair]
    rest = compounds[len(single) :] + single[len(compounds) :]
    products = _products(_NAME_STEMS, ("бек", "жан", "бай"))
    products += _products(_WORD_STEMS, ("бай", "бек"))
    return _unique(merged + rest + products)


@cache
def female_given_names() -> tuple[str, ...]:
    """Generated female given names in rank order: compounds, then single names."""
    return _unique(_compounds(_FEMALE_COMPOUNDS) + _words(_FEMALE_SINGLE))


@cache
def surname_roots(male_given: tuple[str, ...]) -> tuple[str, ...]:
    """Ancestor names a surname can be built from, in rank order: names now met mostly in
    surnames, then the male given names ``male_given`` (published and generated). Only roots
    whose -ов/-ев form strips back to them are kept."""
    roots = [r for r in _words(_ANCESTOR_ONLY) + list(male_given) if suffixed_surname(r)]
    return _unique(roots)


def suffixed_surname(root: str) -> str | None:
    """The Russian-style surname of a root: -ов after a consonant, -ев after a vowel or a hushing
    consonant, -бай/-тай/-рай → -баев/-таев/-раев (Жұмабай → Жұмабаев). None for a root the
    simulator's decree form (``vocabulary.decree_surname``) could not strip back: one ending in
    another й, in -ба/-та/-ра (Байғараев would read back as Байғарай), or in a vowel other than
    а, е, и (Абылай, Амангелді)."""
    if root.endswith(("бай", "тай", "рай")):
        return root[:-1] + "ев"
    last = root[-1]
    if last == "й" or root.endswith(("ба", "та", "ра")):
        return None
    if last in "аәеёиоөуұүыіэюя" and not root.endswith(_REGULAR_VOWEL_ENDINGS):
        return None
    if last in _HUSHING or root.endswith(_REGULAR_VOWEL_ENDINGS):
        return root + "ев"
    return root + "ов"


def russian_rendering(kazakh: str) -> str:
    """The usual Russian-document spelling of a Kazakh name.

    йы/йі → и (Құсайынов → Кусаинов), then ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и; the
    element гүл "flower" (and күл) takes a soft sign, гуль (Айгүл → Айгуль, Орынкүл → Орынкуль),
    as the packaged list writes it throughout. Names whose Russian form no rule gives
    (Жүсіпов → Юсупов, Ләззат → Ляззат) are in the packaged list, never generated.
    """
    text = kazakh.replace("йы", "и").replace("йі", "и")
    for element, soft in _SOFT_ELEMENTS.items():
        text = text.replace(element, soft).replace(element.capitalize(), soft.capitalize())
    return write_name(text, NameSystem.KAZAKH_ON_RUSSIAN_KEYBOARD)


_RUSSIAN_SURNAMES = """
Смирнов Васильев Петров Соколов Михайлов Новиков Федоров Морозов Волков Алексеев Лебедев
Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев
Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов Александров Дмитриев
Королев Гусев Киселев Ильин Максимов Поляков Сорокин Виноградов Ковалев Белов Медведев Антонов
Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев
Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков
Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков
Назаров Калинин Чернышев Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов
Пономарев Голубев Кудрявцев Прохоров Наумов Потапов Журавлев Овчинников Трофимов Леонов Соболев
Ермаков Колесников Гончаров Емельянов Никифоров Грачев Котов Гришин Ефремов Архипов Громов
Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Еремин
Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов
Князев Цветков Левин Митрофанов Воронов Аксенов Софронов Мальцев Логинов Горшков Савин Краснов
Майоров Демидов Елисеев Рыбаков Сафонов Плотников Демин Хохлов Фадеев Молчанов Игнатов Литвинов
Ершов Ушаков Дементьев Рябов Мухин Калашников Леонтьев Лобанов Кузин Корнилов Евдокимов Бородин
Платонов Некрасов Балашов Бобров Жданов Блинов Игнатьев Коротков Муравьев Крюков Беляков
Богомолов Дроздов Лавров Зуев Петухов Ларин Никулин Серов Терентьев Зотов Устинов Фокин
Самойлов Константинов Сахаров Шишкин Самсонов Черкасов Чистяков Носов Спиридонов Карасев Авдеев
Воронцов Зверев Владимиров Селезнев Нечаев Кудряшов Седов Фирсов Андрианов Панин Головин
Терехов Ульянов Шестаков Агеев Никонов Селиванов Баженов Гордеев Кожевников Пахомов Зимин
Костин Широков Филимонов Ларионов Овсянников Сазонов Суворов Нефедов Агафонов Алехин Анохин
Арсеньев Астафьев Бабушкин Барсуков Белкин Бессонов Бобылев Бочаров Брагин Буров Быстров
Варламов Васин Вишняков Воронков Гладков Глебов Голованов Горелов Горохов Губанов Гуляев Гурьев
Дегтярев Дорофеев Евсеев Ежов Еремеев Ермолаев Ерофеев Жилин Завьялов Зиновьев Золотарев Зубков
Зубов Исаков Кабанов Казанцев Капустин Касаткин Каширин Клочков Ключников Кобзев Козин Колосов
Комиссаров Кондратов Копылов Корнеев Коровин Корольков Котельников Кочетков Кравцов Кудинов
Кулагин Куприянов Курочкин Лаптев Лапшин Латышев Лихачев Лукин Лыков Любимов Мазуров Макеев
Маликов Малинин Мамонтов Маркин Меркулов Мешков Минаев Мишин Молодцов Мосин Носков Обухов
Окунев Олейников Орехов Пантелеев Парамонов Пестов Пименов Пискунов Погодин Потехин Пушкарев
Рогов Родин Рожков Рыжов Рябинин Садовников Сальников Самохин Сапожников Сафронов Свиридов
Сивков Силин Симаков Скобелев Снегирев Сомов Сотников Стрельцов Субботин Сурков Сухов Сычев
Теплов Тимошин Токарев Третьяков Трошин Трубников Тюрин Уваров Федосеев Хабаров Харламов
Хомяков Царев Цыганов Чеботарев Черепанов Черников Чижов Шапошников Шарапов Шатров Швецов Шилов
Шишов Шубин Шувалов Шульгин Щеглов Щукин Юрьев Якушев Яшин
"""
_UKRAINIAN_SURNAMES = """
Шевченко Коваленко Ткаченко Кравченко Бойко Мельник Ковальчук Савченко Олейник Лысенко Руденко
Марченко Петренко Гриценко Приходько Левченко Павленко Клименко Мороз Кравец Карпенко Гончаренко
Остапенко Демченко Литвиненко Шевчук Полищук Кучер Сидоренко Герасименко Бондарь Мельниченко
Тимошенко Кириленко Пономаренко Онищенко Сергиенко Яковенко Тарасенко Харченко Гуменюк Головко
Ткачук Назаренко
"""
_GERMAN_SURNAMES = """
Миллер Шмидт Вагнер Майер Беккер Шнайдер Фишер Вебер Шульц Гофман Келлер Рихтер Циммерман Кох
Нейман Шефер Вольф Гейер Кляйн Шварц Бауэр Фогель Функ Гербер Кригер Франк Гартман Лоренц
Янцен Дик Вальтер
"""
_SLAVIC_SHARES = ((_RUSSIAN_SURNAMES, 15.5), (_UKRAINIAN_SURNAMES, 2.0), (_GERMAN_SURNAMES, 1.2))
"""Each list with its people's per cent of the 2021 census population."""


@cache
def slavic_surnames() -> tuple[str, ...]:
    """Frequent Russian, Ukrainian and German surnames (masculine, Russian spelling), merged so
    that each list's n-th name sits where its population share puts it."""
    ranked = [
        ((rank + 1) / share, name)
        for table, share in _SLAVIC_SHARES
        for rank, name in enumerate(_words(table))
    ]
    return _unique([name for _, name in sorted(ranked)])
