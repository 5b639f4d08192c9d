"""What a session's title and description say about it, in the words runners' plans use.

English, German, French, Spanish, Italian, Dutch, Portuguese, Chinese (simplified and
traditional), Japanese and Korean: the names of workouts (intervals, tempo, threshold, fartlek,
hills, track, 间歇, 节奏跑, インターバル, ペース走, 템포런, 인터벌...), long runs, easy and recovery
runs, strides, races, rest days, strength sessions (the plan's own strength days), the run the
day before a race, running itself and the other sports a calendar holds. Garmin Coach's
session titles (base, tempo, threshold, intervals, anaerobic, sprint, long, recovery) are
among them. Matching works on lower-case text without Latin accents and with full-width
forms made plain, so "Fractionné" and "fractionne" are the same word; CJK script is set apart
by spaces, so the other languages' patterns still find their words beside it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Chinese, Japanese and Korean script: words are not separated by spaces there.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_SCRIPT_EDGE = re.compile(rf"(?<=[{_CJK}])(?=[^\s{_CJK}])|(?<=[^\s{_CJK}])(?=[{_CJK}])")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower case without Latin accents, full-width forms made plain, CJK set apart by spaces.

    Accents are dropped from Latin letters only (a Japanese voiced mark is part of its letter),
    and a space goes between CJK script and anything else, so "LSD长距离慢跑8公里" reads as
    "lsd 长距离慢跑 8 公里" and the other languages' word boundaries still work beside it.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        kept.append(char)
    plain = unicodedata.normalize("NFC", "".join(kept))
    plain = plain.replace("×", "x").replace("–", "-").replace("—", "-").replace("’", "'")
    return _SCRIPT_EDGE.sub(" ", plain)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# "Run:" / "Lauf -" in front of a title says the sport, nothing about the session.
SPORT_PREFIX = re.compile(
    r"^\s*(run|running|lauf|laufen|course|course a pied|carrera|corsa|hardlopen|corrida)"
    r"\s*[:|•\-]\s*"
)

# Paces named after a race: a workout, not a race ("10 km @ half marathon pace").
RACE_PACE = _any(
    r"\b(goal|target|race|marathon|half[- ]?marathon|hm|10 ?k|5 ?k|3 ?k|15 ?k|10 ?mile|mile)"
    r"[- ]?(pace|effort|speed|tempo)\b",
    r"\b(hmp|hmrt|mrt|mp)\b",
    r"@\s*(race|half[- ]?marathon|marathon|half|hm|mp|hmp|\d{1,2} ?k|1500|mile|t|i|r|m)\b"
    r"( ?(pace|effort|tempo)\b)?",
    r"\b[tirm][- ]pace\b",
    r"\b(wettkampf|renn|ziel|marathon|halbmarathon|hm|10 ?k|5 ?k|wedstrijd)[- ]?tempo\b",
    r"\ballure\s+(specifique|course|marathon|semi|10 ?km?|5 ?km?|cible)\b",
    r"\bas ?(5|10|21|42)\b",
    r"\britmo\s+(de\s+)?(carrera|competicion|objetivo|maraton|media|medio|10 ?k|5 ?k|prova"
    r"|gara|maratona|mezza|alvo)\b",
    # Chinese, Japanese, Korean: marathon / half / race / goal pace.
    r"(马拉松|馬拉松|半马|半馬|全马|全馬|比赛|比賽|目标|目標)\s?(配速|速度)",
    r"(マラソン|ハーフ|レース|目標)\s?(ペース)",
    r"\bm (跑|ペース)",
    r"(마라톤|하프|레이스|대회|목표)\s?(페이스)",
)
# Phrases that name a race without being one ("race week", "pre-race shakeout").
NOT_A_RACE = _any(
    r"\b(pre|post|after|before|vor|nach|apres|avant|antes|despues|prima|dopo|na|voor)[- ]?"
    r"(the |dem |de |la |el )?(race|wettkampf|rennen|course|carrera|gara|wedstrijd|prova)\b",
    r"\brace[- ]?(week|prep\w*|simulation|rehearsal|specific|eve|kit|number|bib|pick[- ]?up"
    r"|expo|registration|plan)\b",
    r"\bwettkampf(woche|vorbereitung|spezifisch\w*|simulation)\b",
    r"\bcarrera (continua|larga|suave|lenta|facil|progresiva|de recuperacion|a pie)\b",
    r"(赛前|賽前|赛后|賽後|比赛周|比賽週|比賽周|备赛|備賽)",
    r"(レース|大会)\s?(前|後|週|ウィーク)",
    r"(대회|레이스)\s?(전|후|주간|준비)",
)
RACE = _any(
    r"\brace\b",
    r"\braceday\b",
    r"\bwettkampf\w*",
    r"\brennen\b",
    r"\bcompetition\b",
    r"\bcompetici?on\b",
    r"\bcompetencia\b",
    r"\bcompetizione\b",
    r"\bcompeticao\b",
    r"\bgara\b",
    r"\bwedstrijd\b",
    r"\bcarrera\b",
    r"比赛|比賽|赛事|賽事|竞赛|競賽",
    r"レース|大会|本番",
    r"대회|레이스",
    "\U0001f3c1",  # chequered flag
    "\U0001f3c5",  # medal
)
# Race distances: a race when the title names nothing else ("Berlin Marathon", "10K").
RACE_DISTANCE = _any(
    r"\b(half[- ]?|halb|semi[- ]?|demi[- ]?|halve |ultra[- ]?)?marathon\b",
    r"\b(medio |media |mezza |meia[- ]?)?marat[oa]na?\b",
    r"\b(5|8|10|12|15|21|25|30|42|50|100)[- ]?k\b",
    r"\b10 ?miles?\b",
    r"\bultra\b",
    r"(半程|全程)?(马拉松|馬拉松)|半马|半馬|全马|全馬",
    r"(ハーフ|フル)?マラソン",
    r"(하프|풀)?\s?마라톤|풀코스",
)
_STRIDE_WORDS = (
    r"\bstrides?\b",
    r"\bpick[- ]?ups?\b",
    r"\bsteigerung\w*",
    r"\baccelerations?\b",
    r"\blignes? droites?\b",
    r"\brectas\b",
    r"\bprogresivos\b",
    r"\ballunghi\b",
    r"\bversnelling\w*",
    r"\bacelerac\w*",
    r"加速跑|流し|윈드스프린트|질주",
)
STRIDES = _any(*_STRIDE_WORDS)
# Strides with the count or repeats written around them: "4-6 strides", "6 x 20 s strides",
# "Steigerungen: 5 x 80 m".
_SHORT_REPEATS = r"\d+\s*x\s*\(?\s*\d+(?:[.,]\d+)?\s*[a-z'\"]{0,7}"
STRIDES_PHRASE = re.compile(
    rf"(?:\d+\s*(?:-|to|bis|a)\s*)?(?:{_SHORT_REPEATS}\s*|\d+\s*)?(?:(?:of|de|di|van)\s+)?"
    rf"(?:{'|'.join(_STRIDE_WORDS)})(?:\s*[:\-]?\s*{_SHORT_REPEATS})?"
)
# A run's workout by name.
QUALITY_WORDS = _any(
    r"\binterval\w*",
    r"\btempo(?!\s*:|\s+(di|de|totale|total|libero)\b)\w*",
    r"\bthreshold\b",
    r"\blt[12]?\b",
    r"\blactate\b",
    r"\bcruise\b",
    r"\bvo2\w*",
    r"\bvma\b",
    r"\bfartlek\w*",
    r"\bfahrtspiel\b",
    r"\bhills?\b",
    r"\bhill ?(repeats|sprints?)\b",
    r"\btrack\b",
    r"\bspeed\w*",
    r"\bsprint\w*",
    r"\besprint\w*",
    r"\banaero\w*",
    r"\brepeats?\b",
    r"\breps\b",
    r"\byasso\w*",
    r"\bpyramid\w*",
    r"\bpiramide\b",
    r"\bladders?\b",
    r"\bprogression\w*",
    r"\bprogressiv\w*",
    r"\bprogresivo\b",
    r"\btime ?trial\b",
    r"\bparkrun\b",
    r"\bquality\b",
    r"\bsurges?\b",
    r"\bcv\b",
    r"\bschwelle\w*",
    r"\bberg(lauf|laufe|sprint\w*|intervall\w*|an\w*)\b",
    r"\bhugel\w*",
    r"\bbahn(training|einheit)?\b",
    r"\bwiederholung\w*",
    r"\btempowechsel\b",
    r"\bfractionn?e\w*",
    r"\bfraccionad\w*",
    r"\bseuil\w*",
    r"\bcotes\b",
    r"\bpiste\b",
    r"\bseries\b",
    r"\bumbral\b",
    r"\bcuestas\b",
    r"\bpista\b",
    r"\bvelocidad\w*",
    r"\bcambios? de ritmo\b",
    r"\bripetut\w*",
    r"\bsoglia\b",
    r"\bsalit[ae]\b",
    r"\bvelocita\b",
    r"\bvariazioni\b",
    r"\bdrempel\w*",
    r"\bheuvel\w*",
    r"\bbaan(training)?\b",
    r"\bsnelheid\w*",
    r"\bblokken\w*",
    r"\btiros?\b",
    r"\blimiar\b",
    r"\bsubidas?\b",
    # Chinese (simplified and traditional)
    r"间歇|間歇|节奏|節奏|乳酸|阈值|閾值|门槛|門檻|法特莱克|法特萊克|变速|變速",
    r"爬坡|冲刺|衝刺|速度训练|速度訓練|亚索|亞索|巡航|重复跑|重複跑|渐进跑|漸進跑",
    r"配速跑|田径场|田徑場|操场课|操場課|坡道|坡度|上坡|坡跑",
    # Daniels' paces as Chinese and Japanese plans write them: "T跑 3公里×3", "Iペース".
    r"\b[tir] (跑|ペース)",
    # Japanese
    r"インターバル|ペース走|テンポ|閾値|レペティション|ビルドアップ|坂道|坂ダッシュ|ヤッソ",
    r"ファルトレク|スピード|変化走|クルーズ|トラック練",
    # Korean
    r"템포|인터벌|역치|젖산|파틀렉|언덕|업힐|스피드|빌드업|트랙|반복주|페이스주|지속주",
)
# Intensity written as zones (Z4 and above) or as a share of threshold (95 % and above).
HARD_ZONE = re.compile(r"\b(z|zone|zona)\s?[4-7][abc]?\b|\b(9[5-9]|1[0-4]\d)(\s?-\s?\d{2,3})?\s?%")
# "6 x 800 m", "5x1km", "3 x 10 min", "10x(400+200)", "6 x 30/30".
REPEATS = re.compile(
    r"\b(\d+)\s*x\s*\(?\s*(\d+(?:[.,]\d+)?)\s*(/\s*\d+|km|k|mi|miles?|m|min|mins|minutes?"
    r"|minuten|'|s|sec|secs|seconds?|sek|\"|h)?(?![a-z])"
)
LONG = _any(
    r"\blong\b",
    r"\blongrun\b",
    r"\blsd\b",
    r"\blange[rn]? (lauf|dauerlauf|dl|einheit|duurloop|loop|afstand|run|jog)\b",
    r"\blongue\b",
    r"\blarg[oa]\b",
    r"\blung[oa]\b",
    r"\blunghissimo\b",
    r"\blong[oa]\b",
    r"\blongao\b",
    r"长距离|長距離|慢长跑|慢長跑|超长距|超長距",
    r"ロング|距離走",
    r"장거리|롱런|롱 런",
)
EASY = _any(
    r"\beasy\b",
    r"\brecover\w*",
    r"\bbas(e|is)\b",
    r"\baerob(ic)?\b",
    r"\bjog\w*",
    r"\bshake ?-?out\b",
    r"\bconversational\b",
    r"\bendurance\b",
    r"\b(z|zone|zona)\s?[12]\b",
    r"\bga ?1\b",
    r"\bgrundlage\w*",
    r"\blocker\w*",
    r"\bruhig\w*",
    r"\bdauerlauf\b",
    r"\br[ie]genera\w*",
    r"\berholung\w*",
    r"\bfooting\b",
    r"\bef\b",
    r"\brecup\w*",
    r"\bfacile\b",
    r"\btranquil\w*",
    r"\bsuave\b",
    r"\brodaje\b",
    r"\brodagem\b",
    r"\btrote\b",
    r"\blent[oa]\b",
    r"\bdefaticante\b",
    r"\brustig\w*",
    r"\bduurloop\b",
    r"\bherstel\w*",
    r"\bleve\b",
    r"\bfacil\b",
    r"轻松|輕鬆|恢复|恢復|慢跑|有氧|放松跑|放鬆跑|基础跑|基礎跑|调整跑|調整跑|耐久跑|耐力跑",
    r"\be (跑|ペース)",
    r"ジョグ|ジョギング|イージー|リカバリー|回復|疲労抜き|シェイクアウト",
    r"조깅|이지런|이지 런|회복|리커버리|가벼운|가볍게|쉐이크아웃|셰이크아웃",
)
REST = _any(
    r"\brest\b",
    r"\bday off\b",
    r"\boff day\b",
    r"^\s*off\b",
    r"\bruhetag\b",
    r"\bruhe\b",
    r"\btrainingsfrei\b",
    r"\brepos\b",
    r"\bdescanso\b",
    r"\briposo\b",
    r"\brustdag\b",
    r"\brust\b",
    r"\bfolga\b",
    r"\bno run\b",
    r"休息|休養|休み|完全休|レスト|オフ日|휴식|쉬는 ?날|완전 ?휴",
)
# Words that say the event is a run whatever else it says.
RUN = _any(
    r"\brun(s|ning)?\b",
    r"\bjog\w*",
    r"\b(?!(ski)?lang)\w*laufe?n?\b",
    r"\bcourse a pied\b",
    r"\bcourir\b",
    r"\bfooting\b",
    r"\bcorrer\b",
    r"\bcarrera\b",
    r"\brodaje\b",
    r"\btrote\b",
    r"\bcorsa\b",
    r"\bcorrere\b",
    r"\bhardlo\w*",
    r"\bduurloop\b",
    r"\bcorrida\b",
    r"\bparkrun\b",
    "\U0001f3c3",  # runner
    # Chinese 走 is walking ("快走"), Japanese 走 running ("ペース走"); ランチ is lunch.
    r"跑|ラン(?![チドク])|(?<![快健竞競散])走|ジョグ|러닝|런닝|달리기|조깅|런\b",
)
OTHER_SPORT = _any(
    r"\bbik\w*",
    r"\bcycl\w*",
    r"\bcicl\w*",
    r"\bride\b",
    r"\briding\b",
    r"\bvelo\b",
    r"\brad(fahren|tour|training|ausfahrt)?\b",
    r"\bfahrrad\w*",
    r"\bbici\w*",
    r"\bfiets\w*",
    r"\bwielren\w*",
    r"\bmtb\b",
    r"\bspin(ning)?\b",
    r"\bzwift\b",
    r"\bswim\w*",
    r"\bschwimm\w*",
    r"\bnatation\b",
    r"\bnatacion\b",
    r"\bnatacao\b",
    r"\bnuoto\b",
    r"\bzwem\w*",
    r"\byoga\b",
    r"\bpilates\b",
    r"\bstrength(en\w*)?\b",
    r"\bweights?\b",
    r"\bgym\b",
    r"\bkraft\w*",
    r"\bmusculation\b",
    r"\brenforcement\b",
    r"\bfuerza\b",
    r"\bgimnasio\b",
    r"\bforza\b",
    r"\bpalestra\b",
    r"\bkracht\w*",
    r"\bsportschool\b",
    r"\bmusculacao\b",
    r"\bacademia\b",
    r"\bstretch\w*",
    r"\bmobility\b",
    r"\browing\b",
    r"\brudern\b",
    r"\baviron\b",
    r"\broeien\b",
    r"\bhik\w*",
    r"\bwander\w*",
    r"\brandonnee\b",
    r"\bsenderismo\b",
    r"\bski\w*",
    r"\blanglauf\b",
    r"\belliptical\b",
    r"\bcrosstrainer\b",
    r"\bcross[- ]?train\w*",
    r"\bxt\b",
    r"\bcrossfit\b",
    r"\btennis\b",
    r"\bsoccer\b",
    r"\bfootball\b",
    r"\bfussball\b",
    r"\bpadel\b",
    r"\bclimb\w*",
    r"\bkletter\w*",
    r"\bboulder\w*",
    r"\bwalk\w*",
    r"\bspazier\w*",
    r"\bwandel\w*",
    r"\bmarche\b",
    r"\bcaminata\b",
    r"\bcamminata\b",
    r"\bcaminhada\b",
    r"骑行|騎行|自行车|自行車|单车|單車|游泳|瑜伽|瑜珈|交叉训练|交叉訓練|徒步|健走|快走|步行",
    r"椭圆机|橢圓機|划船|拉伸|伸展|普拉提|登山|爬山",
    r"バイク|自転車|サイクリング|スイム|水泳|ヨガ|ウォーキング|クロストレーニング|ストレッチ",
    r"ピラティス|ハイキング|登山",
    r"자전거|사이클|수영|요가|걷기|등산|크로스 ?트레이닝|스트레칭|필라테스|하이킹",
    r"\blift(s|ing)?\b",
    r"\bweight ?training\b",
    r"力量|重训|重訓|重量训练|重量訓練|肌力|健身|筋トレ|筋力|ウェイト|ウエイト|補強|ジム",
    r"근력|웨이트|헬스",
    "\U0001f4aa",  # flexed biceps
)
# A strength session: the running plan's own strength day ("💪 Strength: Full Body", "Gym").
STRENGTH = _any(
    r"\bstrength(en\w*)?\b",
    r"\bweights?\b",
    r"\bweight ?training\b",
    r"\bweightlifting\b",
    r"\blift(s|ing)?\b",
    r"\bgym\b",
    r"\bkraft\w*",
    r"\bmusculation\b",
    r"\brenforcement\b",
    r"\bfuerza\b",
    r"\bgimnasio\b",
    r"\bforza\b",
    r"\bpalestra\b",
    r"\bkracht\w*",
    r"\bsportschool\b",
    r"\bmusculacao\b",
    r"\bacademia\b",
    r"力量|重训|重訓|重量训练|重量訓練|肌力|健身",
    r"筋トレ|筋力|ウェイト|ウエイト|補強|ジム",
    r"근력|웨이트|헬스",
    "\U0001f4aa",  # flexed biceps
)
# The run the day before a race: a shakeout named for it, or a word that means only that (a
# plan that ends with a plain shakeout ends the day before its race too).
PRE_RACE_RUN = _any(
    r"\bshake ?-?out\b",
    r"\bvorbelastung\b",
    r"\bdeblocage\b",
    r"\bday before (the )?race\b",
    r"\brace[- ]?eve\b",
    r"\bveille de (la )?course\b",
    r"刺激入れ|レース前日|大会前日|赛前一天|賽前一天|대회 ?전날|레이스 ?전날",
)
PRE_RACE_CONTEXT = _any(
    r"\bpre[- ]?race\b",
    r"\b(before|ahead of) (the |your )?race\b",
    r"\brace[- ]?week\b",
    r"\bvor dem (wettkampf|rennen)\b",
    r"\bwettkampfwoche\b",
    r"\bavant (la )?course\b",
    r"\bantes de (la )?carrera\b",
    r"\bprima della gara\b",
    r"赛前|賽前|比赛周|比賽週|比賽周|レース前|大会前|レースウィーク|대회 ?전|레이스 ?주간",
)
SHAKEOUT = _any(
    r"\bshake ?-?out\b",
    r"\bactivation\b",
    r"\baktivierung\w*",
    r"\bactivacion\b",
    r"\battivazione\b",
    r"\bjog\w*",
    r"\beasy\b",
    r"激活|刺激跑|シェイクアウト|쉐이크아웃|셰이크아웃",
)
# Work and errands: with one of these, an everyday word is not a session ("Track meeting").
LIFE = _any(
    r"\bmeetings?\b",
    r"\bplanning\b",
    r"\breview\b",
    r"\bretro\w*",
    r"\bstand-?up\b",
    r"\bdemo\b",
    r"\brefinement\b",
    r"\bgrooming\b",
    r"\bcall\b",
    r"\binterview\b",
    r"\bwebinar\b",
    r"\bdeadline\b",
    r"\bdating\b",
    r"\bbesprechung\b",
    r"\breunion\b",
    r"\briunione\b",
    r"\bvergadering\b",
    r"\breuniao\b",
    r"会议|會議|会議|ミーティング|打ち合わせ|회의|미팅",
)
# Words that say "a training session" without saying which sport.
SESSION = _any(
    r"\bsession\b",
    r"\bworkout\b",
    r"\btraining\b",
    r"\beinheit\b",
    r"\bseance\b",
    r"\bsesion\b",
    r"\bseduta\b",
    r"\bsessie\b",
    r"\btreino\b",
    r"\bentrenamiento\b",
    r"\ballenamento\b",
    r"\bclub\b",
    r"\bverein\b",
    r"训练|訓練|トレーニング|練習|훈련",
)
# Words that also mean something else in everyday life ("sprint planning", "long lunch",
# "F1 race"): alone in an event's title they do not make it a run.
EVERYDAY = re.compile(
    r"(sprint\w*|track|speed\w*|hills?|race|series|pist[ae]|ladders?|pyramid\w*|cruise|repeats?"
    r"|reps|quality|surges?|cv|lt[12]?|progressi\w*|long|easy|bas(e|is)|recover\w*|endurance"
    r"|aerob\w*|tranquil\w*|lent[oa]|leve|suave|facile|facil|ef|lsd|competition|gara|larg[oa]"
    r"|lung[oa]|long[oa]|longue|(z|zone|zona)\s?[1-7][abc]?|ultra|time ?trial)"
)
# Strides-length repeats: up to 30 seconds or 150 metres.
STRIDE_MAX_S = 30.0
STRIDE_MAX_M = 150.0


@dataclass(frozen=True)
class Markers:
    """What one piece of text says, each as the first word found (empty when none)."""

    race: str = ""
    race_distance: str = ""
    race_pace: str = ""
    quality: str = ""
    repeats: str = ""
    hard_zone: str = ""
    strides: str = ""
    long: str = ""
    easy: str = ""
    rest: str = ""
    run: str = ""
    other_sport: str = ""
    life: str = ""
    session: str = ""
    strength: str = ""
    pre_race: str = ""

    @property
    def workout(self) -> str:
        """A named hard session: race pace, a workout word, hard repeats or a hard zone."""
        return self.race_pace or self.quality or self.repeats or self.hard_zone

    @property
    def session_words(self) -> tuple[str, ...]:
        """Every word found that names a kind of session."""
        found = (
            self.is_race,
            self.race_distance,
            self.race_pace,
            self.quality,
            self.repeats,
            self.hard_zone,
            self.strides,
            self.long,
            self.easy,
        )
        return tuple(word for word in found if word)

    @property
    def training(self) -> bool:
        """Names a kind of training session (so a race distance in it is not a race)."""
        return bool(
            self.workout or self.repeats or self.strides or self.long or self.easy or self.run
        )

    @property
    def is_race(self) -> str:
        if self.race:
            return self.race
        if self.race_distance and not self.training:
            return self.race_distance
        return ""


@lru_cache(maxsize=4096)
def read(text: str) -> Markers:
    plain = normalize(text)
    plain, prefix = _strip_prefix(plain)
    race_pace = _first(RACE_PACE, plain)
    plain = RACE_PACE.sub(" ", plain)
    strides = _first(STRIDES, plain)
    # Strides are run fast: with them named, zones and short repeats say nothing about the rest.
    core = STRIDES_PHRASE.sub(" ", plain)
    without_repeats = REPEATS.sub(" ", core)
    race_text = NOT_A_RACE.sub(" ", without_repeats)
    return Markers(
        race=_first(RACE, race_text),
        race_distance=_first(RACE_DISTANCE, race_text),
        race_pace=race_pace,
        quality=_first(QUALITY_WORDS, without_repeats),
        repeats=_hard_repeats(core),
        hard_zone="" if strides else _first(HARD_ZONE, core),
        strides=strides,
        long=_first(LONG, without_repeats),
        easy=_first(EASY, plain),
        rest=_first(REST, plain),
        run=prefix or _first(RUN, plain),
        other_sport=_first(OTHER_SPORT, plain),
        life=_first(LIFE, plain),
        session=_first(SESSION, plain),
        strength=_first(STRENGTH, plain),
        pre_race=_pre_race(plain),
    )


def _pre_race(plain: str) -> str:
    if inherent := _first(PRE_RACE_RUN, plain):
        return inherent
    context = _first(PRE_RACE_CONTEXT, plain)
    if context and (shakeout := _first(SHAKEOUT, plain)):
        return f"{context} {shakeout}"
    return ""


def everyday(word: str) -> bool:
    return EVERYDAY.fullmatch(word) is not None


def _strip_prefix(plain: str) -> tuple[str, str]:
    match = SPORT_PREFIX.match(plain)
    if match is None:
        return plain, ""
    return plain[match.end() :], match.group(1)


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(0).strip() if match else ""


def _hard_repeats(plain: str) -> str:
    """The first repeat pattern of two or more repeats longer than strides."""
    for match in REPEATS.finditer(plain):
        if int(match.group(1)) < 2:
            continue
        if _stride_length(float(match.group(2).replace(",", ".")), match.group(3) or ""):
            continue
        return match.group(0).strip()
    return ""


def _stride_length(value: float, unit: str) -> bool:
    unit = unit.strip()
    if unit in ("s", "sec", "secs", "second", "seconds", "sek", '"'):
        return value <= STRIDE_MAX_S
    if unit in ("m", ""):
        # 50-150 reads as metres; smaller numbers are minutes ("5x3m") or kilometres.
        return 50 <= value <= STRIDE_MAX_M
    return False
