"""The predicate lexicons hold in every lexicon language: each news predicate is found in a
typical sentence, quantities are read from the usual patterns, and hedges are recognised."""
from __future__ import annotations

import re

import pytest

from dossier.extract import cues
from dossier.text.fold import fold_str
from dossier.text.languages import LEXICON_LANGUAGES, RELATED
from dossier.text.lexicon import load_lexicon

LANGS = ("en", "ru", "tr", "az", "ar", "de", "fr", "es")


def hedge(text: str, language: str):
    """"hedge", "alleged" or None: how hedges.yml reads a clause (as the claim stage does)."""
    folded = fold_str(text)
    entry = load_lexicon("hedges").get(language) or {}
    if cues.find_cues(entry.get("hedges") or [], folded) or any(
            re.search(rx, folded) for rx in entry.get("regex") or []):
        return "hedge"
    if cues.find_cues(entry.get("alleged") or [], folded):
        return "alleged"
    return None


# --- the lexicons load, and every language has every entry ------------------------------

def test_french_and_spanish_are_lexicon_languages():
    assert set(LANGS) <= set(LEXICON_LANGUAGES)
    assert RELATED["uk"] == ("ru",)
    assert cues.languages_for("uk", "Cyrl") == ("uk", "ru")


def test_every_event_has_cues_in_every_lexicon_language():
    events = load_lexicon("events")["events"]
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))
    for event in events:
        assert {"id", "class", "cues"} <= set(event), event["id"]
        for lang in LEXICON_LANGUAGES:
            words = event["cues"].get(lang)
            assert words, f"{event['id']} has no {lang} cues"
            assert all(isinstance(w, str) and w.strip() for w in words), (event["id"], lang, words)
            for w in words:
                re.compile(cues.compile_cue(w))
        if event.get("frame"):
            assert event["frame"] in ("agent", "patient")
            assert event.get("slots", {}).get("subject"), event["id"]


def test_counted_events_have_quantity_cues_in_every_language():
    counts = load_lexicon("counts")
    for event in load_lexicon("events")["events"]:
        slot = event.get("count")
        if slot:
            assert slot in counts, slot
            for lang in LEXICON_LANGUAGES:
                assert counts[slot].get(lang), (slot, lang)
    for slot, per_lang in counts.items():
        for lang in LEXICON_LANGUAGES:
            assert all(isinstance(w, str) for w in per_lang.get(lang) or []), (slot, lang)


@pytest.mark.parametrize("name", ["negation", "numbers", "manner", "hedges", "boilerplate"])
def test_per_language_lexicons_cover_every_language(name):
    lex = load_lexicon(name)
    groups = [lex] if name in ("negation", "numbers", "hedges", "boilerplate") else list(lex.values())
    for group in groups:
        for lang in LEXICON_LANGUAGES:
            assert group.get(lang), (name, lang)


def test_number_words_are_words():
    for lang, words in load_lexicon("numbers").items():
        assert all(isinstance(w, str) and " " not in w for w in words), lang
        assert all(v is None or isinstance(v, int) for v in words.values()), lang


def test_existing_event_ids_are_kept():
    ids = {e["id"] for e in load_lexicon("events")["events"]}
    assert {"foiled", "warned", "informed", "arrested", "dismissed", "appointed", "shot down", "crashed", "killed",
            "injured", "accepted responsibility", "apologized", "called", "met", "discussed", "charged",
            "investigated", "coup", "raided", "summoned ambassador", "criticized", "attacked", "sanctioned",
            "released", "visited", "signed", "intervened", "planned", "supported", "relations", "tension",
            "stated"} <= ids


# --- each predicate in a typical sentence, in each language -----------------------------

PREDICATES = {
    "killed": {
        "en": "Twelve people were killed in the attack.",
        "ru": "В результате нападения погибли двенадцать человек.",
        "tr": "Saldırıda on iki kişi hayatını kaybetti.",
        "az": "Hücumda on iki nəfər həlak olub.",
        "ar": "أسفر الهجوم عن مقتل اثني عشر شخصا.",
        "de": "Bei dem Angriff kamen zwölf Menschen ums Leben.",
        "fr": "Douze personnes ont été tuées dans l'attaque.",
        "es": "Doce personas murieron en el ataque.",
    },
    "injured": {
        "en": "Dozens of people were injured.",
        "ru": "Десятки человек были ранены.",
        "tr": "Onlarca kişi yaralandı.",
        "az": "Onlarla nəfər yaralanıb.",
        "ar": "أصيب العشرات بجروح.",
        "de": "Dutzende Menschen wurden verletzt.",
        "fr": "Des dizaines de personnes ont été blessées.",
        "es": "Decenas de personas resultaron heridas.",
    },
    "arrested": {
        "en": "Police detained eleven suspects.",
        "ru": "Полиция задержала одиннадцать подозреваемых.",
        "tr": "Polis on bir şüpheliyi gözaltına aldı.",
        "az": "Polis on bir şübhəlini həbs edib.",
        "ar": "اعتقلت الشرطة أحد عشر مشتبها به.",
        "de": "Die Polizei hat elf Verdächtige festgenommen.",
        "fr": "La police a interpellé onze suspects.",
        "es": "La policía detuvo a once sospechosos.",
    },
    "charged": {
        "en": "The former official was charged with bribery.",
        "ru": "Бывшему чиновнику предъявлено обвинение во взяточничестве.",
        "tr": "Eski yetkili hakkında rüşvet suçundan iddianame hazırlandı.",
        "az": "Keçmiş məmur rüşvət almaqda ittiham olunur.",
        "ar": "وجهت إلى المسؤول السابق تهمة الرشوة.",
        "de": "Der frühere Beamte wurde wegen Bestechung angeklagt.",
        "fr": "L'ancien responsable a été mis en examen pour corruption.",
        "es": "El exfuncionario fue imputado por soborno.",
    },
    "sentenced": {
        "en": "The court sentenced the former official to eight years in prison.",
        "ru": "Суд приговорил бывшего чиновника к восьми годам колонии.",
        "tr": "Mahkeme eski yetkiliyi sekiz yıl hapis cezasına çarptırdı.",
        "az": "Məhkəmə keçmiş məmuru səkkiz il həbs cəzasına məhkum edib.",
        "ar": "حكمت المحكمة على المسؤول السابق بالسجن ثماني سنوات.",
        "de": "Das Gericht verurteilte den früheren Beamten zu acht Jahren Haft.",
        "fr": "Le tribunal a condamné l'ancien responsable à huit ans de prison.",
        "es": "El tribunal condenó al exfuncionario a ocho años de prisión.",
    },
    "released": {
        "en": "The journalist was released from custody on Friday.",
        "ru": "Журналист был освобожден из-под стражи в пятницу.",
        "tr": "Gazeteci cuma günü serbest bırakıldı.",
        "az": "Jurnalist cümə günü azadlığa buraxılıb.",
        "ar": "أفرجت السلطات عن الصحفي يوم الجمعة.",
        "de": "Der Journalist wurde am Freitag freigelassen.",
        "fr": "Le journaliste a été libéré vendredi.",
        "es": "El periodista fue puesto en libertad el viernes.",
    },
    "claimed responsibility": {
        "en": "The militant group claimed responsibility for the attack.",
        "ru": "Группировка взяла на себя ответственность за теракт.",
        "tr": "Örgüt saldırıyı üstlendi.",
        "az": "Qruplaşma hücumun məsuliyyətini öz üzərinə götürüb.",
        "ar": "أعلن التنظيم مسؤوليته عن الهجوم.",
        "de": "Die Miliz bekannte sich zu dem Anschlag.",
        "fr": "Le groupe a revendiqué l'attentat.",
        "es": "El grupo reivindicó el atentado.",
    },
    "accused": {
        "en": "The president accused the neighbouring state of organising the attack.",
        "ru": "Президент обвинил соседнее государство в организации нападения.",
        "tr": "Cumhurbaşkanı komşu ülkeyi saldırıyı organize etmekle suçladı.",
        "az": "Prezident qonşu dövləti hücumu təşkil etməkdə ittiham etdi.",
        "ar": "اتهم الرئيس الدولة المجاورة بتنظيم الهجوم.",
        "de": "Der Präsident warf dem Nachbarstaat vor, den Angriff organisiert zu haben.",
        "fr": "Le président a accusé l'État voisin d'avoir organisé l'attaque.",
        "es": "El presidente acusó al país vecino de organizar el ataque.",
    },
    "denied": {
        "en": "The neighbouring government denied any involvement.",
        "ru": "Соседнее правительство отрицает свою причастность.",
        "tr": "Komşu hükümet suçlamaları reddetti.",
        "az": "Qonşu hökumət ittihamları rədd etdi.",
        "ar": "ونفت الحكومة المجاورة أي تورط لها.",
        "de": "Die Nachbarregierung wies die Vorwürfe zurück.",
        "fr": "Le gouvernement voisin a démenti toute implication.",
        "es": "El gobierno vecino negó cualquier participación.",
    },
    "warned": {
        "en": "The ministry warned citizens against travel.",
        "ru": "Министерство предупредило граждан об опасности.",
        "tr": "Bakanlık vatandaşları uyardı.",
        "az": "Nazirlik vətəndaşlara xəbərdarlıq etdi.",
        "ar": "حذرت الوزارة المواطنين من السفر.",
        "de": "Das Ministerium warnte die Bürger vor Reisen.",
        "fr": "Le ministère a mis en garde les citoyens.",
        "es": "El ministerio advirtió a los ciudadanos.",
    },
    "met": {
        "en": "The two ministers met in the capital.",
        "ru": "Два министра встретились в столице.",
        "tr": "İki bakan başkentte bir araya geldi.",
        "az": "İki nazir paytaxtda görüşüb.",
        "ar": "التقى الوزيران في العاصمة.",
        "de": "Die beiden Minister trafen sich in der Hauptstadt.",
        "fr": "Les deux ministres se sont rencontrés dans la capitale.",
        "es": "Los dos ministros se reunieron en la capital.",
    },
    "called": {
        "en": "The two leaders spoke by phone.",
        "ru": "Лидеры двух стран поговорили по телефону.",
        "tr": "İki lider telefonda görüştü.",
        "az": "İki lider telefonla danışıb.",
        "ar": "أجرى الزعيمان اتصالا هاتفيا.",
        "de": "Die beiden Staatschefs telefonierten.",
        "fr": "Les deux dirigeants se sont entretenus par téléphone.",
        "es": "Los dos líderes conversaron por teléfono.",
    },
    "visited": {
        "en": "The prime minister visited the region.",
        "ru": "Премьер-министр посетил регион.",
        "tr": "Başbakan bölgeyi ziyaret etti.",
        "az": "Baş nazir bölgəyə səfər edib.",
        "ar": "زار رئيس الوزراء المنطقة.",
        "de": "Der Regierungschef besuchte die Region.",
        "fr": "Le Premier ministre a visité la région.",
        "es": "El primer ministro visitó la región.",
    },
    "appointed": {
        "en": "A new governor was appointed.",
        "ru": "Назначен новый губернатор.",
        "tr": "Yeni vali atandı.",
        "az": "Yeni qubernator təyin edilib.",
        "ar": "تم تعيين محافظ جديد.",
        "de": "Ein neuer Gouverneur wurde ernannt.",
        "fr": "Un nouveau gouverneur a été nommé.",
        "es": "Fue nombrado un nuevo gobernador.",
    },
    "dismissed": {
        "en": "The police chief was dismissed.",
        "ru": "Начальник полиции был уволен.",
        "tr": "Emniyet müdürü görevden alındı.",
        "az": "Polis rəisi vəzifəsindən azad edilib.",
        "ar": "تمت إقالة قائد الشرطة.",
        "de": "Der Polizeichef wurde entlassen.",
        "fr": "Le chef de la police a été limogé.",
        "es": "El jefe de policía fue destituido.",
    },
    "resigned": {
        "en": "The interior minister resigned.",
        "ru": "Министр внутренних дел подал в отставку.",
        "tr": "İçişleri bakanı istifa etti.",
        "az": "Daxili işlər naziri istefa verib.",
        "ar": "استقال وزير الداخلية.",
        "de": "Der Innenminister trat zurück.",
        "fr": "Le ministre de l'Intérieur a démissionné.",
        "es": "El ministro del Interior dimitió.",
    },
    "attacked": {
        "en": "Gunmen attacked a concert hall.",
        "ru": "Боевики напали на концертный зал.",
        "tr": "Silahlı kişiler bir konser salonuna saldırdı.",
        "az": "Silahlı şəxslər konsert zalına hücum edib.",
        "ar": "هاجم مسلحون قاعة للحفلات.",
        "de": "Bewaffnete griffen eine Konzerthalle an.",
        "fr": "Des hommes armés ont attaqué une salle de concert.",
        "es": "Hombres armados atacaron una sala de conciertos.",
    },
    "shot down": {
        "en": "The drone was shot down over the sea.",
        "ru": "Беспилотник был сбит над морем.",
        "tr": "İnsansız hava aracı deniz üzerinde düşürüldü.",
        "az": "Pilotsuz uçan aparat dənizin üzərində vurulub.",
        "ar": "تم إسقاط الطائرة المسيرة فوق البحر.",
        "de": "Die Drohne wurde über dem Meer abgeschossen.",
        "fr": "Le drone a été abattu au-dessus de la mer.",
        "es": "El dron fue derribado sobre el mar.",
    },
    "crashed": {
        "en": "A passenger plane crashed near the airport.",
        "ru": "Пассажирский самолет разбился у аэропорта.",
        "tr": "Yolcu uçağı havalimanı yakınında düştü.",
        "az": "Sərnişin təyyarəsi hava limanı yaxınlığında qəzaya uğrayıb.",
        "ar": "تحطمت طائرة ركاب قرب المطار.",
        "de": "Ein Passagierflugzeug ist nahe dem Flughafen abgestürzt.",
        "fr": "Un avion de ligne s'est écrasé près de l'aéroport.",
        "es": "Un avión de pasajeros se estrelló cerca del aeropuerto.",
    },
    "declared mourning": {
        "en": "The government declared three days of national mourning.",
        "ru": "Правительство объявило трехдневный траур.",
        "tr": "Hükümet üç günlük ulusal yas ilan etti.",
        "az": "Hökumət üç günlük matəm elan edib.",
        "ar": "أعلنت الحكومة الحداد الوطني ثلاثة أيام.",
        "de": "Die Regierung ordnete drei Tage Staatstrauer an.",
        "fr": "Le gouvernement a décrété trois jours de deuil national.",
        "es": "El gobierno decretó tres días de luto nacional.",
    },
    "declared emergency": {
        "en": "Authorities declared a state of emergency in the province.",
        "ru": "Власти ввели режим чрезвычайной ситуации в области.",
        "tr": "Yetkililer bölgede olağanüstü hal ilan etti.",
        "az": "Hakimiyyət bölgədə fövqəladə vəziyyət elan edib.",
        "ar": "أعلنت السلطات حالة الطوارئ في المحافظة.",
        "de": "Die Behörden riefen den Notstand aus.",
        "fr": "Les autorités ont décrété l'état d'urgence dans la province.",
        "es": "Las autoridades declararon el estado de emergencia en la provincia.",
    },
    "signed": {
        "en": "The two countries signed a trade agreement.",
        "ru": "Две страны подписали торговое соглашение.",
        "tr": "İki ülke ticaret anlaşması imzaladı.",
        "az": "İki ölkə ticarət sazişi imzalayıb.",
        "ar": "وقع البلدان اتفاقية تجارية.",
        "de": "Die beiden Länder unterzeichneten ein Handelsabkommen.",
        "fr": "Les deux pays ont signé un accord commercial.",
        "es": "Los dos países firmaron un acuerdo comercial.",
    },
    "sanctioned": {
        "en": "The union imposed sanctions on five companies.",
        "ru": "Союз ввел санкции против пяти компаний.",
        "tr": "Birlik beş şirkete yaptırım uyguladı.",
        "az": "İttifaq beş şirkətə sanksiya tətbiq edib.",
        "ar": "فرض الاتحاد عقوبات على خمس شركات.",
        "de": "Die Union verhängte Sanktionen gegen fünf Firmen.",
        "fr": "L'Union a imposé des sanctions à cinq entreprises.",
        "es": "La Unión impuso sanciones a cinco empresas.",
    },
    "expelled diplomats": {
        "en": "The government expelled four diplomats.",
        "ru": "Правительство выслало четырех дипломатов.",
        "tr": "Hükümet dört diplomatı sınır dışı etti.",
        "az": "Hökumət dörd diplomatı ölkədən çıxarıb.",
        "ar": "طردت الحكومة أربعة دبلوماسيين.",
        "de": "Die Regierung wies vier Diplomaten aus.",
        "fr": "Le gouvernement a expulsé quatre diplomates.",
        "es": "El gobierno expulsó a cuatro diplomáticos.",
    },
    "recalled ambassador": {
        "en": "The country recalled its ambassador for consultations.",
        "ru": "Страна отозвала посла для консультаций.",
        "tr": "Ülke büyükelçisini istişareler için geri çağırdı.",
        "az": "Ölkə səfirini məsləhətləşmələr üçün geri çağırıb.",
        "ar": "استدعت الدولة سفيرها للتشاور.",
        "de": "Das Land rief seinen Botschafter zu Konsultationen zurück.",
        "fr": "Le pays a rappelé son ambassadeur pour consultations.",
        "es": "El país llamó a consultas a su embajador.",
    },
    "evacuated": {
        "en": "Some 3,000 residents were evacuated.",
        "ru": "Были эвакуированы около 3000 жителей.",
        "tr": "Yaklaşık 3 bin kişi tahliye edildi.",
        "az": "Təxminən 3 min sakin təxliyə edilib.",
        "ar": "تم إجلاء نحو 3000 من السكان.",
        "de": "Rund 3000 Anwohner wurden evakuiert.",
        "fr": "Quelque 3 000 habitants ont été évacués.",
        "es": "Unos 3.000 vecinos fueron evacuados.",
    },
    "missing": {
        "en": "Seven fishermen are still missing.",
        "ru": "Семь рыбаков пропали без вести.",
        "tr": "Yedi balıkçıdan hâlâ haber alınamıyor.",
        "az": "Yeddi balıqçı itkin düşüb.",
        "ar": "لا يزال سبعة صيادين في عداد المفقودين.",
        "de": "Sieben Fischer werden noch vermisst.",
        "fr": "Sept pêcheurs sont toujours portés disparus.",
        "es": "Siete pescadores siguen desaparecidos.",
    },
    "rescued": {
        "en": "Rescuers pulled two children alive from the rubble.",
        "ru": "Спасатели извлекли из-под завалов двоих детей живыми.",
        "tr": "Enkaz altından iki çocuk sağ kurtarıldı.",
        "az": "Dağıntılar altından iki uşaq xilas edilib.",
        "ar": "تم إنقاذ طفلين من تحت الأنقاض.",
        "de": "Zwei Kinder wurden lebend aus den Trümmern geborgen.",
        "fr": "Deux enfants ont été secourus sous les décombres.",
        "es": "Dos niños fueron rescatados de los escombros.",
    },
    "exploded": {
        "en": "A car bomb exploded near the market.",
        "ru": "У рынка взорвался заминированный автомобиль.",
        "tr": "Pazar yakınında bomba yüklü bir araç patladı.",
        "az": "Bazarın yaxınlığında bomba partlayıb.",
        "ar": "انفجرت سيارة مفخخة قرب السوق.",
        "de": "Nahe dem Markt explodierte eine Autobombe.",
        "fr": "Une voiture piégée a explosé près du marché.",
        "es": "Un coche bomba explotó cerca del mercado.",
    },
    "sank": {
        "en": "A ferry sank off the coast.",
        "ru": "У побережья затонул паром.",
        "tr": "Kıyı açıklarında bir feribot battı.",
        "az": "Sahil yaxınlığında bərə batıb.",
        "ar": "غرقت عبارة قبالة الساحل.",
        "de": "Vor der Küste ist eine Fähre gesunken.",
        "fr": "Un ferry a coulé au large des côtes.",
        "es": "Un ferry se hundió frente a la costa.",
    },
    "collapsed": {
        "en": "A residential building collapsed.",
        "ru": "Обрушился жилой дом.",
        "tr": "Bir apartman çöktü.",
        "az": "Yaşayış binası çöküb.",
        "ar": "انهار مبنى سكني.",
        "de": "Ein Wohnhaus ist eingestürzt.",
        "fr": "Un immeuble d'habitation s'est effondré.",
        "es": "Un edificio de viviendas se derrumbó.",
    },
    "fined": {
        "en": "The company was fined by the regulator.",
        "ru": "Компанию оштрафовали.",
        "tr": "Şirkete para cezası verildi.",
        "az": "Şirkət cərimələnib.",
        "ar": "فرضت الهيئة غرامة على الشركة.",
        "de": "Gegen das Unternehmen wurde eine Geldstrafe verhängt.",
        "fr": "L'entreprise a écopé d'une amende.",
        "es": "La empresa recibió una multa.",
    },
    "mediated": {
        "en": "The agreement was brokered by the neighbouring president.",
        "ru": "Соглашение заключено при посредничестве соседнего государства.",
        "tr": "Anlaşmada komşu ülkenin lideri arabuluculuk yaptı.",
        "az": "Razılaşmada qonşu ölkənin lideri vasitəçilik edib.",
        "ar": "تم التوصل إلى الاتفاق بوساطة الرئيس.",
        "de": "Die Einigung wurde vom Nachbarland vermittelt.",
        "fr": "L'accord a été conclu grâce à la médiation du président.",
        "es": "El acuerdo se alcanzó gracias a la mediación del presidente.",
    },
    "withdrew": {
        "en": "The commander ordered his fighters to halt their march.",
        "ru": "Командир отвел свои подразделения в лагеря.",
        "tr": "Komutan birliklerini geri çekti.",
        "az": "Komandir qüvvələrini geri çəkdi.",
        "ar": "أعلن القائد انسحاب قواته من المدينة.",
        "de": "Der Kommandeur zog seine Truppen ab.",
        "fr": "Le commandant a retiré ses troupes.",
        "es": "El comandante retiró sus tropas.",
    },
    "seized control": {
        "en": "The fighters seized control of the city overnight.",
        "ru": "Бойцы взяли под контроль город.",
        "tr": "Savaşçılar şehrin kontrolünü ele geçirdi.",
        "az": "Döyüşçülər şəhəri nəzarətə götürdü.",
        "ar": "سيطر المقاتلون على المدينة.",
        "de": "Die Kämpfer haben die Stadt eingenommen.",
        "fr": "Les combattants ont pris le contrôle de la ville.",
        "es": "Los combatientes tomaron el control de la ciudad.",
    },
    "case dropped": {
        "en": "The criminal case against him was dropped.",
        "ru": "Уголовное дело против него будет прекращено.",
        "tr": "Hakkındaki dava düşürüldü.",
        "az": "Cinayət işinə xitam verilib.",
        "ar": "تم إسقاط التهم الموجهة إليه.",
        "de": "Das Verfahren gegen ihn wurde eingestellt.",
        "fr": "Les poursuites ont été abandonnées.",
        "es": "El juez archivó la causa.",
    },
    "hospitalised": {
        "en": "Nine survivors were hospitalised.",
        "ru": "Девять выживших госпитализированы.",
        "tr": "Dokuz kişi hastaneye kaldırıldı.",
        "az": "Doqquz nəfər xəstəxanaya yerləşdirilib.",
        "ar": "نقل تسعة أشخاص إلى المستشفى.",
        "de": "Neun Überlebende liegen im Krankenhaus.",
        "fr": "Neuf survivants sont hospitalisés.",
        "es": "Nueve supervivientes están hospitalizados.",
    },
    "declined comment": {
        "en": "The company declined to comment.",
        "ru": "В компании от комментариев отказались.",
        "tr": "Şirket yorum yapmadı.",
        "az": "Şirkət şərh vermədi.",
        "ar": "رفضت الشركة التعليق.",
        "de": "Das Unternehmen äußerte sich nicht.",
        "fr": "L'entreprise a refusé de commenter.",
        "es": "La empresa declinó comentar.",
    },
    "appealed": {
        "en": "The defence will appeal the ruling.",
        "ru": "Защита намерена обжаловать решение.",
        "tr": "Savunma karara itiraz edecek.",
        "az": "Müdafiə apellyasiya şikayəti verəcək.",
        "ar": "قال الدفاع إنه سيقدم استئنافا.",
        "de": "Die Verteidigung will Berufung einlegen.",
        "fr": "La défense compte faire appel.",
        "es": "La defensa recurrirá la decisión.",
    },
}


@pytest.mark.parametrize("event,lang,text", [(ev, lang, text) for ev, by_lang in PREDICATES.items()
                                             for lang, text in by_lang.items()])
def test_each_predicate_is_the_main_event_in_each_language(event, lang, text):
    assert cues.main_event(text, lang) == event, cues.detect_events(text, lang)


def test_the_table_covers_every_language():
    for event, by_lang in PREDICATES.items():
        assert set(by_lang) == set(LANGS), event


# --- claims about an attack are not its death toll ----------------------------------------

@pytest.mark.parametrize("lang,text,event", [
    ("en", "The group claimed responsibility for the attack that killed 140 people.", "claimed responsibility"),
    ("en", "The president accused the neighbouring state of the attack that killed 140 people.", "accused"),
    ("en", "The neighbouring state denied any involvement in the attack.", "denied"),
    ("en", "He was accused of murder.", "charged"),
    ("en", "The prisoners were released from custody.", "released"),
    ("fr", "Il est accusé de meurtre.", "charged"),
    ("es", "Fue acusado de asesinato.", "charged"),
    ("de", "Das Haus stürzte ein.", "collapsed"),
    ("de", "Das Flugzeug stürzte ab.", "crashed"),
    ("ru", "Министр освобожден от должности.", "dismissed"),
    ("ru", "Губернатор освободил заместителя от должности.", "dismissed"),
    ("de", "Ihm wird vorgeworfen, Informationen weitergegeben zu haben.", "charged"),
    ("tr", "Bakanlık, suçlamaları reddederek bunların asılsız olduğunu söyledi.", "denied"),
    ("en", "Twelve people were killed in the explosion.", "killed"),
    ("es", "El ferri se hundió y murieron 13 personas.", "killed"),
])
def test_more_specific_predicates_come_first(lang, text, event):
    assert cues.main_event(text, lang) == event


@pytest.mark.parametrize("lang,text", [
    ("es", "Sin embargo, el ministro fue detenido."),
    ("en", "The ministry released a statement."),
    ("fr", "Le gouvernement a démenti l'arrestation du ministre."),
    (None, "According to the report, 60 victims were listed."),
])
def test_general_words_do_not_raise_a_predicate(lang, text):
    events = cues.detect_events(text, lang, "Latn")
    assert not {"sanctioned", "released", "denied", "signed"} & set(events)


def test_a_pre_trial_measure_is_no_foiled_plot():
    """Russian "мера пресечения" (a pre-trial measure) is no "пресечена" (foiled)."""
    assert "foiled" not in cues.detect_events("Защита просила суд избрать для чиновника меру пресечения в виде "
                                              "домашнего ареста.", "ru", "Cyrl")
    assert "foiled" in cues.detect_events("Попытка переворота была пресечена спецслужбами.", "ru", "Cyrl")


def test_pursuant_to_is_no_warning_in_turkish():
    """Turkish "uyarınca" (pursuant to) is no "uyarı" (a warning)."""
    assert "warned" not in cues.detect_events("Anayasanın 131. maddesi uyarınca yetki yardımcıya verildi.", "tr", "Latn")
    assert "warned" in cues.detect_events("Yetkililer uyarıda bulundu.", "tr", "Latn")


def test_citing_is_no_appeal_in_german():
    """German "unter Berufung auf" (citing) is no "Berufung" (an appeal)."""
    assert "appealed" not in cues.detect_events("Dies meldete die Agentur unter Berufung auf Rettungsdienste.", "de", "Latn")
    assert "appealed" in cues.detect_events("Der Anwalt legte Berufung gegen das Urteil ein.", "de", "Latn")


# --- quantities -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "12 people were killed in the blast.", {"killed": "12"}),
    ("en", "At least 40 dead after the fire.", {"killed": "40"}),
    ("en", "Twelve people were killed.", {"killed": "12"}),
    ("en", "Twenty-one people were injured.", {"injured": "21"}),
    ("ru", "Погибли 12 человек.", {"killed": "12"}),
    ("ru", "Число погибших возросло до 143.", {"killed": "143"}),
    ("ru", "Погибли двенадцать человек.", {"killed": "12"}),
    ("ru", "Задержаны одиннадцать человек.", {"arrested": "11"}),
    ("ar", "مقتل 12 أشخاص في الهجوم.", {"killed": "12"}),
    ("ar", "ارتفع عدد القتلى إلى 143.", {"killed": "143"}),
    ("ar", "مقتل اثني عشر شخصا.", {"killed": "12"}),
    ("ar", "مقتل خمسة وعشرين شخصا.", {"killed": "25"}),
    ("de", "12 Tote nach dem Anschlag.", {"killed": "12"}),
    ("de", "Mindestens 12 Menschen kamen ums Leben.", {"killed": "12"}),
    ("de", "Zwölf Menschen kamen ums Leben.", {"killed": "12"}),
    ("tr", "12 kişi hayatını kaybetti.", {"killed": "12"}),
    ("tr", "On iki kişi hayatını kaybetti.", {"killed": "12"}),
    ("az", "12 nəfər həlak olub.", {"killed": "12"}),
    ("az", "On iki nəfər həlak olub.", {"killed": "12"}),
    ("fr", "12 morts dans l'attaque.", {"killed": "12"}),
    ("fr", "Au moins 12 personnes ont été tuées.", {"killed": "12"}),
    ("fr", "Douze personnes ont été tuées.", {"killed": "12"}),
    ("fr", "Vingt-et-un morts et 30 blessés.", {"killed": "21", "injured": "30"}),
    ("es", "12 muertos en el ataque.", {"killed": "12"}),
    ("es", "Al menos 12 personas murieron.", {"killed": "12"}),
    ("es", "Doce personas murieron.", {"killed": "12"}),
    ("es", "Treinta y dos muertos.", {"killed": "32"}),
    ("en", "Some 3,000 people were evacuated.", {"evacuated": "3000"}),
    ("fr", "Sept pêcheurs sont portés disparus.", {"missing": "7"}),
    ("es", "Rescataron a 14 personas.", {"rescued": "14"}),
    ("de", "11 Menschen wurden festgenommen.", {"arrested": "11"}),
    ("en", "The government expelled four diplomats.", {"expelled": "4"}),
    ("en", "The president declared three days of mourning.", {"mourning": "3"}),
    ("en", "The leader announced five days of public mourning.", {"mourning": "5"}),
    ("ar", "أودت الكارثة بحياة 137 شخصا.", {"killed": "137"}),   # "claimed the lives of"
    # German puts the participle last: the figure opens the verb bracket, the cue closes it
    ("de", "33 Menschen wurden nach Angaben der Behörden in der Provinz festgenommen.", {"arrested": "33"}),
    ("de", "Mindestens 113 Menschen sind bei der gewaltigen Explosion im Hafen ums Leben gekommen.", {"killed": "113"}),
    ("es", "El gobierno decretó tres días de luto nacional.", {"mourning": "3"}),
    # a toll that "reached" its figure, the verb right before it
    ("ru", "Число погибших при землетрясении в стране достигло 2 745 человека.", {"killed": "2745"}),
    ("uk", "Кількість загиблих сягнула 27 людей.", {"killed": "27"}),
    ("en", "The death toll from the quake in the region reached 2,745 on Tuesday.", {"killed": "2745"}),
])
def test_quantity_patterns(lang, text, expected):
    assert cues.extract_counts(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("fr", "Un homme de 45 ans a été tué."),
    ("es", "Un hombre de 45 años murió."),
    ("fr", "Il a été condamné à 10 ans de prison."),
    ("en", "Dozens of people were killed."),
    ("ru", "Погибли десятки человек."),
    ("ar", "مقتل العشرات."),
    ("fr", "Une explosion a tué le gardien."),
    ("ru", "Ему предъявлено обвинение по части 6 статьи 290."),
    ("uk", "Він пообіцяв виплатити по 7 мільйонів рублів сім'ям загиблих льотчиків."),  # a sum, no toll
    ("ar", "عرض تعويض أقارب الطاقم القتلى بمبلغ 7 مليون روبل."),
    ("en", "He offered $40,000 to the families of the dead."),
])
def test_ages_terms_and_vague_quantities_are_no_counts(lang, text):
    values = cues.extract_counts(text, lang)
    assert not {"killed", "sentenced", "charged"} & set(values)


# --- hedges ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The death toll could rise.", "hedge"),
    ("en", "The minister may have resigned.", "hedge"),
    ("en", "I think the minister should resign.", "hedge"),
    ("en", "In May, 12 people were killed.", None),
    ("en", "The minister reportedly resigned.", "alleged"),
    ("en", "Footage shared on social media appeared to show the tanks.", "hedge"),
    ("ru", "Число жертв может возрасти.", "hedge"),
    ("ru", "Вероятно, министр уйдет в отставку.", "hedge"),
    ("ru", "Министр якобы подал в отставку.", "alleged"),
    ("ru", "Полиция задержала 11 человек.", None),
    ("ar", "قد يرتفع عدد القتلى.", "hedge"),
    ("ar", "ربما يستقيل الوزير.", "hedge"),
    ("ar", "لقد تم اعتقال 11 شخصا.", None),
    ("tr", "Ölü sayısı artabilir.", "hedge"),
    ("tr", "Bakan muhtemelen istifa edecek.", "hedge"),
    ("tr", "Bakan istifa etmeli.", "hedge"),
    ("tr", "Polis 11 kişiyi gözaltına aldı.", None),
    ("az", "Ölənlərin sayı arta bilər.", "hedge"),
    ("az", "Bəlkə də nazir istefa verəcək.", "hedge"),
    ("az", "Polis 11 nəfəri saxlayıb.", None),
    ("de", "Die Zahl der Toten könnte steigen.", "hedge"),
    ("de", "Meiner Meinung nach sollte der Minister zurücktreten.", "hedge"),
    ("de", "Der Minister soll zurückgetreten sein.", "alleged"),
    ("de", "Die Polizei nahm 11 Menschen fest.", None),
    ("fr", "Le bilan pourrait s'alourdir.", "hedge"),
    ("fr", "À mon avis, le ministre devrait démissionner.", "hedge"),
    ("fr", "Le suspect aurait fui à l'étranger.", "alleged"),
    ("fr", "La police a arrêté 11 personnes.", None),
    ("es", "El número de muertos podría aumentar.", "hedge"),
    ("es", "Tal vez el ministro dimita.", "hedge"),
    ("es", "El presunto autor huyó.", "alleged"),
    ("es", "La policía detuvo a 11 personas.", None),
])
def test_hedges(lang, text, expected):
    assert hedge(text, lang) == expected


# --- negation in French and Spanish -------------------------------------------------------------

@pytest.mark.parametrize("lang,text,negated", [
    ("fr", "Le ministre n'a pas démissionné.", True),
    ("fr", "Le ministre a démissionné.", False),
    ("fr", "Le gouvernement a démenti l'arrestation du ministre.", True),
    ("fr", "Les attaques ont tué plus de 50 personnes.", False),
    ("es", "El ministro no dimitió.", True),
    ("es", "El ministro dimitió.", False),
    ("es", "El gobierno negó que el ministro fuera detenido.", True),
    ("es", "Sin embargo, el ministro fue detenido.", False),
])
def test_negation_in_french_and_spanish(lang, text, negated):
    assert cues.is_negated(text, lang) is negated


@pytest.mark.parametrize("lang,text,manner", [
    ("fr", "Les deux présidents se sont entretenus par téléphone.", "phone call"),
    ("fr", "Les ministres se sont rencontrés en marge du sommet.", "meeting"),
    ("es", "Los presidentes hablaron por teléfono.", "phone call"),
    ("es", "Los ministros se reunieron al margen de la cumbre.", "meeting"),
])
def test_manner_in_french_and_spanish(lang, text, manner):
    assert cues.extract_manner(text, lang) == manner


# --- French and Spanish in the actor and attribution lexicons ------------------------------------

def test_titles_reporting_and_stop_words_have_french_and_spanish():
    titles = load_lexicon("titles")
    assert all(t.get("fr") and t.get("es") for t in titles["titles"])
    reporting = load_lexicon("reporting")
    stop = load_lexicon("stopnames")["stop"]
    for lang in ("fr", "es"):
        assert reporting[lang]["verbs"] and reporting[lang]["after"] and reporting[lang]["complementizers"]
        assert all(isinstance(w, str) for w in stop[lang])


@pytest.mark.parametrize("lang,text", [
    ("es", "El diario informó que el ministro fue detenido."),
    ("fr", "Le journal a informé que le ministre a été arrêté."),
])
def test_a_reporting_verb_before_que_is_not_an_event_of_informing(lang, text):
    assert cues.detect_events(text, lang) == ["arrested"]


@pytest.mark.parametrize("lang,text,parts,counts", [
    ("fr", "La police a arrêté le ministre, et le président a démissionné.", 2, {}),
    ("es", "La policía detuvo al ministro y el presidente dimitió.", 2, {}),
    ("es", "Murieron 5 personas y 12 resultaron heridas.", 1, {"killed": "5", "injured": "12"}),
])
def test_french_and_spanish_clauses_and_counts(lang, text, parts, counts):
    assert len(cues.split_clauses(text, lang)) == parts
    assert cues.extract_counts(text, lang) == counts


def test_one_lookbehind_before_all_cues_finds_what_one_before_each_cue_did():
    """patterns._regex puts the word-start lookbehind once before the alternation (speed):
    the matches are those of the form with one lookbehind in every alternative."""
    import re

    from dossier.extract.cues import _event_cues
    from dossier.extract.patterns import compile_cue, find_cues
    from dossier.text.fold import fold_str

    texts = ["Police said all passengers on the helicopter had died, and the ministry denied on Tuesday that it knew.",
             "Басманный суд заключил его под стражу на два месяца; Минск отверг обвинения в шпионаже.",
             "وأعلنت الحكومة الحداد ثلاثة أيام بعد مقتل 12 شخصا وإصابة 30 آخرين في الانفجار.",
             "Ankara'da düzenlenen törende 5 kişi gözaltına alındı, bakan istifa etti."]
    for _event, cues in _event_cues(("en", "ru", "ar", "tr", "de", "fr", "es")):
        ordered = sorted(set(cues), key=lambda p: (-len(p), p))
        each = re.compile("|".join(f"(?:{compile_cue(p)})" for p in ordered))
        for text in texts:
            folded = fold_str(text)
            assert find_cues(cues, folded) == [(m.start(), m.end()) for m in each.finditer(folded) if m.end() > m.start()]
