# flexy-pos — العربية (الجزائر). نفس المعرّفات والمتغيرات الموجودة في en.ftl.
# الأرقام وأرقام الهاتف والمبالغ ورموز العروض والمراجع تبقى كما هي.

## حالات الطلب: الكلمة، وكلمات قليلة للجدول، وما يجب فعله.
## «مسترجع» هي الحالة الوحيدة التي يُرجَع فيها المال للزبون.

state-saved = محفوظ
state-sent = مُرسل
state-pending = في الانتظار
state-handling = قيد المعالجة
state-fulfilled = تمت
state-refunded = مسترجع
state-unknown = غير معروف
state-refused = مرفوض
state-unconfirmed = غير مؤكد
state-not-sent = لم يُرسل
short-saved = جارٍ الإرسال
short-in-progress = قيد المعالجة
short-fulfilled = وصلت التعبئة
short-refunded = أرجع المال
short-unknown = لا استرجاع ولا إعادة
short-nothing-charged = لم يُخصم شيء
short-unconfirmed = لا تعد الإرسال
advice-saved = محفوظ، جارٍ الإرسال
advice-sent = أُرسل، في انتظار المتعامل
advice-in-progress = قيد المعالجة: انتظر
advice-fulfilled = وصلت التعبئة
advice-refunded = أرجع المال للزبون: فشلت التعبئة
advice-unknown = لا ترجع المال، لا تعد الإرسال: النتيجة غير معروفة بعد، يُعاد التحقق تلقائيًا
advice-refused = رفضته OneClickDz: لم يُخصم شيء؛ صحّح وبِع من جديد
advice-unconfirmed = لا تعد الإرسال: نتحقق هل أُرسل
advice-not-sent = لم يصل إلى OneClickDz: لم يُخصم شيء؛ بِع من جديد
state-lookup = عروض
short-lookup = استعلام: لا شيء للدفع
advice-lookup = استعلام عن العروض وليس بيعًا: لم يُدفع شيء ولا يُستحق شيء؛ بِع أحد عروضه

verbatim = { $text }
label = { $label }:

## الأعداد (ست صيغ في العربية). PLURAL($n) يعطي صيغة CLDR الصحيحة لكل عدد (103 طلبات، 111 طلبًا).

count-orders = { PLURAL($n) ->
    [zero] { $n } طلب
    [one] { $n } طلب
    [two] { $n } طلبان
    [few] { $n } طلبات
    [many] { $n } طلبًا
   *[other] { $n } طلب
}
count-plans = { PLURAL($n) ->
    [zero] { $n } عرض
    [one] { $n } عرض
    [two] { $n } عرضان
    [few] { $n } عروض
    [many] { $n } عرضًا
   *[other] { $n } عرض
}

## flexy-pos config

cfg-file = ملف الإعدادات
cfg-file-absent = (غير موجود: القيم الافتراضية)
cfg-none = (لا شيء)
cfg-data-dir = مجلد البيانات
cfg-store = قاعدة الطلبات
cfg-mode = الوضع
cfg-mode-practice = تدريب (لا مفتاح API: محاكي sandbox مدمج)
cfg-mode-live = مفتاح API (تجريبي أو حقيقي: تحدده OneClickDz عند البدء)
cfg-practice = التدريب
cfg-practice-value = السرعة x{ $speed }، الرصيد الأولي { $balance }
cfg-practice-state = حالة التدريب
cfg-api-url = عنوان API
cfg-api-key = مفتاح API
cfg-poll = فاصل المتابعة
cfg-poll-value = { $secs } ثا
cfg-recheck = إعادة فحص «غير معروف»
cfg-recheck-value = { $minutes } د
cfg-plans-age = أقصى عمر للعروض
cfg-plans-age-value = { $hours } سا
cfg-log-retention = مدة حفظ السجلات
cfg-log-retention-value = { PLURAL($days) ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}
cfg-timezone = المنطقة الزمنية
cfg-pricing = السعر
cfg-pricing-value = +{ $percent }% مقرّب للأعلى إلى { $round }
cfg-language = اللغة
cfg-language-value = { $code } ({ $name })، حسب { $source }
cfg-lang-source-flag = --lang
cfg-lang-source-env = FLEXY_LANG
cfg-lang-source-file = config.toml
cfg-lang-source-locale = لغة النظام ({ $var })
cfg-lang-source-default = الاختيار الافتراضي
cfg-lang-remembered = شاشة البيع تحفظ آخر لغة اختيرت بمفتاحها، إلا إذا أُعطي --lang أو FLEXY_LANG

## flexy-pos orders, send, sync, plans

cli-charged = مخصوم { $amount }
cli-charge-unknown = الخصم غير معروف
cli-message = الرسالة
cli-offer = عرض
cli-last-error = آخر خطأ
cli-advice = ما العمل
cli-no-orders = لا يوجد طلب مطابق
cli-skipped-damaged = تُرك طلب غير مقروء: { $detail }
cli-nothing-sent = { $reason }؛ لم يُرسل شيء
cli-sync-summary = مزامنة — المفتوحة في البداية: { $open } · الفحوص: { $checks } · المحسومة: { $settled } · ما زالت مفتوحة: { $still }
cli-sync-settled = محسوم
cli-sync-open = مفتوح
cli-sync-error = خطأ
cli-plans-header = { $count } من { $source }، جُلبت منذ { $age }
cli-plans-from-cache = الذاكرة المحلية
cli-plans-from-api = API
cli-plan-disabled = (معطّل)
cli-plans-refresh-failed = فشل التحديث، القائمة أعلاه من الذاكرة المحلية: { $error }
cli-plans-using-cache = تنبيه: تعذّر تحديث العروض ({ $error })؛ نستعمل الذاكرة المحلية
cli-seeded = { PLURAL($n) ->
    [zero] لم يُضف أي طلب تجريبي
    [one] أُضيف طلب تجريبي واحد
    [two] أُضيف طلبان تجريبيان
    [few] أُضيفت { $n } طلبات تجريبية
    [many] أُضيف { $n } طلبًا تجريبيًا
   *[other] أُضيف { $n } طلب تجريبي
}

## الأعمار

age-just-now = الآن
age-minutes = { $n } د
age-hours = { $n } سا
age-days = { PLURAL($n) ->
    [zero] { $n } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $n } أيام
    [many] { $n } يومًا
   *[other] { $n } يوم
}

## شاشة البيع

tab-sale = بيع
tab-plans = العروض
tab-history = السجل
tab-help = مساعدة
tab-language = اللغة
tab-quit = خروج
tab-refresh = تحديث
tab-offers = عروض الرقم
mode-practice = تدريب
mode-sandbox = تجريبي SANDBOX
mode-production = حقيقي
mode-live = المفتاح لم يُتحقق منه
bar-balance = الرصيد { $amount }
bar-online = متصل
bar-offline = غير متصل
bar-error = خطأ: { $error }
bar-connecting = جارٍ الاتصال
bar-open = { PLURAL($n) ->
    [zero] لا طلب مفتوح
    [one] طلب مفتوح
    [two] طلبان مفتوحان
    [few] { $n } طلبات مفتوحة
    [many] { $n } طلبًا مفتوحًا
   *[other] { $n } طلب مفتوح
}
bar-plans-fresh = العروض محدّثة
bar-plans-age = العروض منذ { $age }
bar-plans-age-unknown = عمر العروض غير معروف
bar-no-plans = لا عروض بعد
bar-refresh-failed = (فشل التحديث)
bar-damaged = ⚠ { PLURAL($n) ->
    [zero] لا طلب غير مقروء
    [one] طلب واحد غير مقروء
    [two] طلبان غير مقروءين
    [few] { $n } طلبات غير مقروءة
    [many] { $n } طلبًا غير مقروء
   *[other] { $n } طلب غير مقروء
}
bar-twin-till = ⚠ جهاز آخر بنفس المعرّف
hint-help = { $help } أو { $back } يغلق المساعدة
hint-sale-phone = اكتب الرقم أو الصقه، { $enter } · { $menu } العروض · { $pane } آخر الطلبات
hint-sale-plan = { $arrows } اختر العرض · الأرقام للمبلغ · { $enter } التالي · { $back } رجوع
hint-sale-amount = اكتب المبلغ · { $enter } للتحقق · { $back } رجوع للعروض
hint-sale-confirm = تأكد مع الزبون · { $enter } يرسل · { $back } للتغيير
hint-plans = اكتب للتصفية · { $arrows } تنقل · { $enter } يبيع العرض · { $refresh } تحديث · { $back } رجوع
hint-history-filter = { $enter } يطبّق التصفية · { $back } يلغي · { $clear } يمسح
hint-history = { $moves } تنقل · { $enter } يفتح · { $filter } تصفية · { $refresh } تحديث · { $back } رجوع
hint-detail = { $arrows } تمرير · { $sell } يبيع عرضًا مقترحًا · { $back } رجوع للسجل
sale-number = الرقم
sale-amount = المبلغ
sale-operator-hint = المتعامل: اكتب 05 أو 06 أو 07  { $count }/10
sale-plan-in-force = العرض { $code } مُختار · { $key } زبون جديد
sale-preset = ثابت
sale-face = التعبئة
sale-collect = المبلغ المستحق
sale-cost = التكلفة { $cost }
sale-cost-unknown = التكلفة غير معروفة: السعر حسب التعبئة
sale-range = من { $min } إلى { $max }
sale-at-least = على الأقل { $min }
sale-at-most = على الأكثر { $max }
sale-type-amount = اكتب المبلغ
sale-any-amount = أي مبلغ
kind-dynamic = حر
kind-fixed = ثابت
kind-getmenu = GETMENU
list-offers-for = عروض { $phone } (GETMENU)
list-asking = عروض { $operator } · نطلب العروض…
list-plans-for = عروض { $operator }
list-plans = العروض
list-type-number = اكتب رقم الزبون: تظهر هنا عروض متعامله.
list-not-loaded = العروض لم تُحمّل بعد. { $key } لإعادة المحاولة.
list-no-plan = لا يوجد عرض لهذا المتعامل في القائمة.
list-disabled = (معطّل)
col-code = الرمز
col-name = الاسم
col-amount-da = المبلغ DA
col-collect = المستحق
confirm-title = تأكيد — أعد قراءة الرقم على الزبون
confirm-plan = العرض
confirm-amount = المبلغ
confirm-send = إرسال
confirm-change = تعديل
hist-all = كل الطلبات، الأحدث أولًا
hist-slash-filter = { $key } للتصفية
hist-slash-change = { $key } للتغيير
filter-label = تصفية
hist-title = السجل · الصفحة { $page }
hist-more = المزيد ↓
hist-loading = جارٍ التحميل…
hist-empty = لا طلبات بعد
hist-no-match = لا طلب يطابق هذه التصفية
col-time = الوقت
col-phone = الرقم
col-plan = العرض
col-amount = المبلغ
col-status = الحالة
col-ref = المرجع
col-price = السعر
col-operator = المتعامل
filter-needs-value = '{ $word }' يحتاج قيمة بعد النقطتين
filter-unknown-key = تصفية '{ $key }:' غير معروفة (استعمل رقم: و مرجع: و حالة: و يوم:)
filter-bad-phone = الرقم '{ $value }': { $error }
filter-bad-status = '{ $value }' ليست حالة (تمت، مسترجع، غير معروف، في الانتظار…)
filter-key-phone = رقم هاتف
filter-key-ref = مرجع
filter-key-status = حالة الحالة
filter-key-day = يوم تاريخ
detail-none = لم يُختر أي طلب
detail-order = الطلب
detail-ref = المرجع
detail-topup-id = رقم التعبئة
detail-not-sent-yet = لم يُرسل بعد
detail-phone = الرقم
detail-operator = المتعامل
detail-plan = العرض
detail-kind = النوع
detail-amount = المبلغ
detail-price = السعر
detail-expected-cost = التكلفة المتوقعة
detail-charged = المخصوم (API)
detail-created = أُنشئ
detail-checks = الفحوص
detail-checks-value = { $checks } · الإرسال { $sends }
detail-status = الحالة
detail-last-error = آخر خطأ
detail-since = منذ { $time }
detail-no-change = لا تغيير في الحالة بعد
detail-timeline = التسلسل
detail-refund-message = رسالة للزبون
detail-offers-title = عروض مقترحة — اضغط الرقم لبيعه لهذا الخط
plans-other-operator = أخرى ({ $operator })
plans-loaded-age-unknown = العروض محمّلة (عمرها غير معروف)
plans-none-yet = لا عروض بعد: { $key } لتحميلها
plans-age-old = منذ { $age }
plans-offline = غير متصل — محفوظة { $age }
plans-from-cache = عروض محفوظة، { $age }
plans-from-api = عروض من API، { $age }
plans-title = العروض ({ $shown } من { $total })
plans-cost-factor = التكلفة ×{ $cost } من التعبئة
plans-cost-not-given = التكلفة غير معطاة: السعر حسب التعبئة
plans-disabled-now = معطّل حاليًا
plans-costs-sells = { $face } تكلف { $cost } ← تُباع بـ
plans-none-loaded = لا عروض محمّلة: { $key } للتحميل
plans-no-match = لا عرض يطابق التصفية ({ $key } يمسحها)
col-kind = النوع
col-cost = الكلفة
col-for = للمبلغ
col-wholesale = سعر الجملة
col-shop-price = سعر البيع

## التنبيهات والرسائل

toast-sending = إرسال { $phone }، { $amount } — المبلغ المستحق { $price }
toast-sent = أُرسل { $phone }، { $amount } — المرجع { $ref }
toast-not-sent = لم يُرسل { $phone }، { $amount }: { $error }
toast-sent-unrecorded = أُرسل { $phone }، { $amount }، ولم يُحفظ الرد ({ $error }) — جارٍ التحقق، لا تُرسله مرة أخرى
notice-not-sent-retry = لم يُرسل: { $error } — تحقق واضغط { $enter } لإعادة المحاولة
toast-settled = { $phone }، { $amount }: { $state } — { $advice }
notice-duplicate = نفس الرقم ونفس المبلغ أُرسلا منذ { $secs } ثا: { $repeat } يرسل واحدة أخرى ({ $enter } لا)، { $back } يلغي
notice-no-plan-to-choose = لا يوجد عرض لهذا الرقم
notice-plans-not-loaded = العروض لم تُحمّل بعد: { $refresh } لإعادة المحاولة
notice-plan-disabled = { $code } معطّل حاليًا: اختر عرضًا آخر
notice-char-does-nothing = '{ $char }' لا يفعل شيئًا هنا: الأرقام للمبلغ، { $back } لتعديل الرقم
notice-preset-amount = لهذا العرض مبلغ ثابت: اضغط { $enter } للمتابعة
notice-confirm-keys = { $enter } يرسل، { $back } للرجوع والتعديل
notice-offers-need-number = العروض تحتاج الرقم كاملًا ({ $count }/10 أرقام)
notice-asking-offers = نسأل { $operator } عن العروض المتاحة لـ { $phone }…
toast-offers-failed = عروض { $phone }: { $error }
toast-offers-late = وصلت عروض { $phone } بعد تغيير الرقم: { $menu } لإعادة الطلب
notice-no-offers = لا عروض لهذا الرقم: اختر عرضًا من القائمة
notice-offers-arrived = { PLURAL($n) ->
    [zero] لا عروض لهذا الرقم: { $back } رجوع للعروض
    [one] عرض واحد لهذا الرقم: { $enter } يختاره، { $back } رجوع للعروض
    [two] عرضان لهذا الرقم: { $enter } يختار واحدًا، { $back } رجوع للعروض
    [few] { $n } عروض لهذا الرقم: { $enter } يختار واحدًا، { $back } رجوع للعروض
    [many] { $n } عرضًا لهذا الرقم: { $enter } يختار واحدًا، { $back } رجوع للعروض
   *[other] { $n } عرض لهذا الرقم: { $enter } يختار واحدًا، { $back } رجوع للعروض
}
notice-plan-wrong-line = لا يمكن إرسال { $code } إلى رقم { $operator }
notice-plan-chosen = تم اختيار { $code }: اكتب رقم الزبون
toast-no-such-offer = هذا الطلب ليس له عرض مقترح رقم { $n }
toast-sell-again-only = { $state }: يُعاد من هنا بيع بيعة نقال لهذا الصندوق لم تُرسل أو رُفضت فقط
toast-bad-order-number = رقم هذا الطلب غير صالح: { $error }
toast-plans-failed-kept = لم تُحمّل العروض: { $error } (نستعمل العروض المحمّلة)
toast-plans-failed-none = لم تُحمّل العروض: { $error } (لا عروض بعد: { $refresh } لإعادة المحاولة)
warn-balance-short = الرصيد { $balance } أقل من تكلفة هذا البيع { $cost }: سترفضه OneClickDz
toast-worker-stopped = توقفت الخدمة الخلفية: لا يمكن الإرسال؛ أعد تشغيل التطبيق

## مساعدة F1

help-title = المفاتيح — { $help } أو { $back } للإغلاق
help-f1 = المساعدة: إظهار / إخفاء هذه القائمة
help-f2 = شاشة البيع / زبون جديد: يُمسح الرقم والمبلغ والعرض
help-f3 = العروض: اكتب للتصفية، { $enter } يبيع العرض
help-f4 = سجل الطلبات، الأحدث أولًا؛ { $enter } يفتح الطلب
help-f5 = تحديث العروض والرصيد وصفحة السجل
help-f6 = العروض المتاحة لهذا الرقم (GETMENU)
help-language = اللغة: français ← العربية ← English
help-quit = خروج
help-enter = الخطوة التالية، إرسال / رجوع، إغلاق، مسح
help-digits = الرقم؛ في قائمة العروض تذهب إلى المبلغ
help-move = التنقل في القائمة (ومساعدة { $help } أيضًا إن لم تتسع الشاشة)
help-home-end = الأول / الأخير في القائمة
help-backspace = حذف حرف / مسح الحقل
help-slash = السجل: تعديل سطر التصفية
help-filter-words = كلمات التصفية
help-filter-words-text = رقم:0661 مرجع:AB12 حالة:مسترجع يوم:أمس
key-esc = Esc
key-enter = Enter
key-backspace = ⌫
key-page-up = PgUp
key-page-down = PgDn
key-home = Home
key-end = End
key-tab = Tab
key-pair = { $a } { $b }
help-notices = الرسائل: آخر 50 رسالة مع وقتها
notices-title = الرسائل — { $key } أو { $back } للإغلاق
notices-empty = لا رسائل بعد
hint-notices = { $arrows } تمرير · { $key } أو { $back } يغلق الرسائل
help-offer-n = تفاصيل الطلب: بيع العرض المقترح N لهذا الرقم

## ملاحظات التسلسل

note-saved-sending = حُفظ؛ جارٍ الإرسال
note-sent-again = أعاد الموظف إرساله بنفس المرجع
note-interrupted = وُجد محفوظًا دون جواب مسجّل (إرسال منقطع)؛ نتحقق بالمرجع
note-accepted-as = قُبل برقم { $id }
note-found-by-ref = وُجد بمرجعه برقم { $id }
note-rate-limited = طلبات كثيرة؛ محاولة الإرسال { $n } (نفس المرجع)
note-still-rate-limited = ما زالت OneClickDz تقول طلبات كثيرة بعد { PLURAL($n) ->
    [zero] { $n } محاولة
    [one] محاولة واحدة
    [two] محاولتين
    [few] { $n } محاولات
    [many] { $n } محاولة
   *[other] { $n } محاولة
} (ليس رفضًا)؛ نتحقق بالمرجع — يمكن إرساله من جديد بنفس المرجع
note-duplicate = تقول API إن هذا المرجع مستعمل: الطلب موجود؛ نتحقق منه بمرجعه
note-not-sent = لم يصل إلى OneClickDz — لم يُخصم شيء؛ ابدأ طلبًا جديدًا
note-refused = مرفوض: { $why }؛ لم يُخصم شيء
note-connect-failed = تعذّر الاتصال بـ OneClickDz: لم يُرسل شيء ولم يُخصم شيء
note-not-sent-error = لم يُرسل ({ $error }): لم يُخصم شيء
note-no-clear-answer = لا جواب واضح على الإرسال ({ $error })؛ نتحقق بالمرجع
note-not-understood = أجابت OneClickDz بالحالة '{ $status }' غير الموثقة: غير معروف — سنعيد السؤال لاحقًا

## لماذا يُرفض مبلغ أو رقم أو بيع

amount-empty = اكتب مبلغًا
amount-not-a-number = '{ $text }' ليس عددًا صحيحًا من الدنانير
amount-too-low = على الأقل { $min } لهذا العرض
amount-too-high = على الأكثر { $max } لهذا العرض
amount-no-range = هذا العرض ليس له مجال مبالغ
amount-fixed-only = هذا العرض يبيع { $amount } فقط: امسح المبلغ أو اختر عرضًا بمبلغ يُكتب
phone-bad-character = '{ $char }' غير مسموح في رقم الهاتف
phone-no-leading-zero = رقم الهاتف النقال يبدأ بـ 0
phone-unknown-prefix = لا يستعمل أي متعامل البادئة { $prefix } (05 Ooredoo، 06 Mobilis، 07 Djezzy)
phone-too-long = أرقام كثيرة: رقم الهاتف النقال فيه 10
phone-no-digits = اكتب الرقم الأول على الأقل
phone-too-short = { PLURAL($n) ->
    [zero] { $n } من 10 أرقام
    [one] رقم واحد من 10
    [two] رقمان من 10
    [few] { $n } أرقام من 10
    [many] { $n } رقمًا من 10
   *[other] { $n } من 10 أرقام
}
draft-full-number = اكتب الرقم كاملًا ({ $count }/10 أرقام)
draft-unknown-plan = { $code } ليس في قائمة العروض: { $key } لتحديثها
draft-choose-plan = اختر عرضًا
draft-wrong-operator = { $code } ليس لأرقام { $operator }
draft-use-menu-key = GETMENU يطلب عروض رقم: استعمل { $key } في شاشة البيع
draft-offer-not-whole = مبلغ هذا العرض ليس دنانير صحيحة

## flexy-pos config: the terminal id

cfg-terminal = معرّف الجهاز
cfg-terminal-value = { $id } (حسب { $source })
cfg-terminal-in-store = (محفوظ في قاعدة الطلبات؛ الجهاز الذي له مفتاح ينسخه هنا)

## Damage on disk

cli-damaged-not-listed = طلبات تالفة على القرص ولم تُعرض: { $count } في { $dir }؛ لم يتغيّر شيء. { $hint }
restore-hint = احتفظ بنسخة من المجلد، انقله إلى مكان آخر، ثم أعد بناء الطلبات من OneClickDz بالأمر `flexy-pos sync --since YYYY-MM-DD` (يوم أقدم طلب تحتاجه)، أو استرجع نسخة احتياطية

## flexy-pos sync: the audit against OneClickDz's list

cli-audit-progress = المراجعة: صفحة { $page }/{ $pages } · المفحوصة: { $checked } · المسترجعة: { $restored } · الخارجية: { $external }
cli-audit-summary = { $checked } مفحوص في { PLURAL($pages) ->
        [zero] { $pages } صفحة
        [one] صفحة واحدة
        [two] صفحتين
        [few] { $pages } صفحات
        [many] { $pages } صفحة
       *[other] { $pages } صفحة
    }: { $restored } مسترجع، { $corrected } مصحَّح، { $external } خارجي ({ $new } جديد)، { $unknown } غير معروف لدى OneClickDz
cli-audit-conflicts = ، { $n } متعارض
cli-audit-not-stored = ، { $n } غير مقروء أو غير محفوظ
cli-audit-stopped-mark = {" "}(توقفت قبل النهاية)
cli-audit-since = المراجعة منذ { $from }: { $summary }
cli-audit-restored = مسترجع
cli-audit-corrected = مصحَّح
cli-audit-was = { $line } (كان { $was })
cli-audit-conflict = تعارض
cli-audit-unreadable = غير مقروء
cli-audit-not-in-list = غير موجود في قائمة ONECLICKDZ  { $line }: قُبل هنا لكنه غائب من قائمة الخادم؛ لا تعد الإرسال، اتصل بدعم OneClickDz
cli-audit-stopped-early = توقفت المراجعة قبل النهاية: { $why }

## Orders that are not this till's own sale

origin-restored = مسترجع
origin-external = خارجي
origin-restored-explain = مسترجع من قائمة OneClickDz بعد ضياع السجل المحلي؛ لم يُرسل أي شيء من جديد
origin-external-explain = أُجريت في مكان آخر على هذا الحساب (لوحة التحكم أو جهاز آخر)؛ للقراءة فقط، ليست بيعًا من هذا الجهاز

## A window too small for the screen on show

fit-too-small-sale = النافذة صغيرة جدًا لعرض البيع كاملًا (الرقم، المبلغ، المبلغ المستحق). كبّرها إلى { $need } على الأقل (الآن { $have }). لا يُرسل شيء حتى تتسع.
fit-too-small-orders = النافذة صغيرة جدًا لعرض حالة كل طلب ومبلغه كاملين. كبّرها إلى { $need } على الأقل (الآن { $have }).
fit-short-sale =
    صغيرة جدًا: { $have }
    يلزم { $need }
    لا يُرسل شيء
fit-short-orders =
    صغيرة جدًا: { $have }
    يلزم { $need }

## Typing and pasting into the sale form

amount-not-a-digit = '{ $char }' ليس رقمًا: المبالغ بالدينار الكامل
amount-leading-zero = المبلغ لا يبدأ بـ 0
amount-too-long = هذا المبلغ طويل جدًا
paste-not-an-amount = '{ $text }' ليس مبلغًا: بالدينار الكامل فقط
paste-nothing-at-confirm = لم يُلصق شيء: { $enter } يرسل هذا البيع، { $back } يرجع لتعديله
notice-not-sent-too-small = لم يُرسل: النافذة كانت أصغر من أن تعرض البيع كاملًا؛ راجعه ثم { $enter }

## The log file

log-to-stderr = تنبيه: تعذّر فتح ملف السجل { $file } ({ $reason })؛ السجل يُكتب في stderr بدلًا منه
log-no-file = تنبيه: تعذّر فتح ملف السجل { $file } ({ $reason })؛ يعمل البرنامج دون ملف سجل

## flexy-pos send: why the sale gate refused

cli-bad-phone = رقم الهاتف: { $error }
cli-no-plan = لم يُعطَ أي عرض (--plan)
cli-unknown-plan = لا يوجد عرض '{ $code }' في قائمة العروض
cli-wrong-operator = العرض { $code } لخطوط { $line }، لكن { $phone } رقم { $operator }
cli-refused-plan-disabled = العرض { $code } معطّل حاليًا (صيانة أو عطل عند المتعامل)
cli-menu-plan = العرض { $code } يطلب فقط عروض الرقم
cli-offer-not-whole = مبلغ العرض { $amount } ليس بالدينار الكامل
cli-amount-for = المبلغ لـ { $code }: { $error }

## Config errors (never a value from the file or the environment)

cfg-unit-seconds = {" "}(ثوانٍ)
cfg-unit-minutes = {" "}(دقائق)
cfg-unit-hours = {" "}(ساعات)
cfg-unit-days = {" "}(أيام)
cfg-unit-percent = {" "}(بالمئة)
cfg-unit-dinars = {" "}(دج)
cfg-unit-times-sandbox = {" "}(مرات sandbox الحقيقي)
cfg-not-toml = هذا ليس TOML صالحًا ({ $why })
cfg-must-be-section = يجب أن يكون قسمًا: اكتب [{ $name }] في سطر وحده
cfg-must-be-text = يجب أن يكون نصًا بين علامتي تنصيص
cfg-url-rule = يجب أن يكون عنوان https:// كاملًا بين علامتي تنصيص (http:// العادي لهذا الجهاز فقط)
cfg-timezone-rule = يجب أن يكون اسم منطقة زمنية بين علامتي تنصيص، اسم IANA مثل "Africa/Algiers"
cfg-day-start-rule = يجب أن يكون وقتًا من "00:00" إلى "12:00" بين علامتي تنصيص، مثلًا "04:00" لمحل يبقى مفتوحًا بعد منتصف الليل
cfg-terminal-id-rule = يجب أن يكون من 1 إلى 16 حرفًا من a-z و0-9 بين علامتي تنصيص (به يبدأ كل ref يرسله هذا الجهاز)
cfg-data-dir-rule = يجب أن يكون مسارًا كاملًا بين علامتي تنصيص، مثل "/home/shop/flexy-pos" أو "~/flexy-pos" (المسار الفارغ أو النسبي يضع الطلبات في أي مجلد يُشغَّل منه الجهاز)
cfg-must-be-one-of = يجب أن يكون واحدًا من { $words }
cfg-must-be-whole = يجب أن يكون عددًا صحيحًا من { $min } إلى { $max }{ $unit }
cfg-must-be-number = يجب أن يكون عددًا من { $min } إلى { $max }{ $unit }
cfg-did-you-mean = ليس إعدادًا؛ هل تقصد `{ $right }`؟
cfg-not-a-setting = ليس إعدادًا؛ الإعدادات هي { $settings }
cfg-err-read = تعذّرت قراءة ملف الإعدادات { $path }: { $error }
cfg-err-too-big = ملف الإعدادات { $path } حجمه { $bytes } بايت، فوق حد 1 ميغابايت (ملف الإعدادات بضعة أسطر): هل هو الملف الصحيح؟
cfg-err-setting = ملف الإعدادات { $path }، السطر { $line }: `{ $setting }` { $problem }
cfg-err-hidden-setting = ملف الإعدادات { $path }، السطر { $line }: `(اسم لا يُعرض)` { $problem }
cfg-err-line = ملف الإعدادات { $path }، السطر { $line }: { $problem }
cfg-err-no-data-dir = لا يوجد مجلد بيانات: حدّد --data-dir أو FLEXY_DATA_DIR
cfg-err-data-dir = يجب أن يكون مجلد البيانات (--data-dir أو FLEXY_DATA_DIR) مسارًا كاملًا، مثل /home/shop/flexy-pos أو ~/flexy-pos (المسار الفارغ أو النسبي يضع الطلبات في أي مجلد يُشغَّل منه الجهاز)
cfg-err-data-dir-no-home = يبدأ مجلد البيانات بـ ~، لكن لا يُعرف مجلد شخصي لهذا المستخدم: اكتب مسارًا كاملًا
cfg-err-api-url = عنوان API (--api-url أو FLEXY_API_URL) يجب أن يكون عنوان https:// كاملًا بين علامتي تنصيص (http:// العادي لهذا الجهاز فقط)
cfg-err-practice-speed = FLEXY_PRACTICE_SPEED يجب أن يكون عددًا من 0.01 إلى 100000
cfg-err-lang-env = FLEXY_LANG: يجب أن يكون fr أو ar أو en
cfg-err-terminal-id = معرّف الجهاز (--terminal أو FLEXY_TERMINAL أو terminal_id) يجب أن يكون من 1 إلى 16 حرفًا من a-z و0-9 بين علامتي تنصيص (به يبدأ كل ref يرسله هذا الجهاز)
cfg-err-record-terminal = تعذّرت كتابة terminal_id في { $path }: عدّله يدويًا (terminal_id = "{ $id }")
cfg-err-write = تعذّرت كتابة { $path }: { $error }
cfg-err-timezone = `timezone` يجب أن يكون اسم منطقة زمنية بين علامتي تنصيص، اسم IANA مثل "Africa/Algiers"

## The order database's errors (the engine's and the system's own words kept as they are)

store-locked = قاعدة الطلبات في { $dir } مستعملة من flexy-pos آخر؛ أغلق الآخر أولًا (جهاز واحد فقط لكل مجلد بيانات)
store-io = تعذّر استعمال { $path }: { $error }
store-damaged = قاعدة الطلبات في { $dir } تالفة ({ $detail })؛ لم يتغيّر شيء. { $hint }
store-too-new = قاعدة الطلبات في { $dir } كتبها flexy-pos أحدث ({ $found }؛ هذه النسخة تقرأ حتى { $supported })؛ لم يتغيّر شيء، استعمل النسخة الأحدث
store-migration = فشلت ترقية قاعدة الطلبات من المخطط { $from }: { $detail }
store-corrupt-record = { $what } { $key } غير مقروء في القاعدة: { $detail }
store-duplicate-ref = يوجد طلب بالمرجع { $ref } من قبل؛ لم يُكتب شيء
store-duplicate-key = الطلب { $key } موجود من قبل؛ لم يُكتب شيء
store-not-found = الطلب { $key } ليس في القاعدة
store-ref-taken = تعذّر تغيير مرجع الطلب { $key } إلى { $ref }: طلب آخر يحمله
store-invalid = تعذّر حفظ هذا: { $why }
store-encode = تعذّر ترميز { $what }: { $detail }
store-db = خطأ في القاعدة: { $detail }

## The API's errors (server text, codes and request ids kept as they are)

api-refused = رفضته API ({ $code }، HTTP { $status }): { $message }{ $advice }{ $rid }
api-slow-down = OneClickDz يطلب التمهّل ({ $code }، HTTP { $status }): { $message }{ $advice }{ $rid }
api-undocumented = ردّت API بخطأ غير موثّق ({ $code }، HTTP { $status }): { $message }{ $advice }{ $rid }
api-advice = {" "}— { $advice }
api-advice-ip-not-allowed = عنوان IP الخاص بالمحل ليس في القائمة البيضاء لمفتاح API: أضفه في لوحة تحكم OneClickDz، Settings → API Configuration → IP whitelist
api-advice-api-disabled = الوصول إلى API معطّل لهذا المفتاح: فعّله في لوحة تحكم OneClickDz (Settings → API Configuration) أو اتصل بدعم OneClickDz
api-advice-too-large = الطلب كان أكبر مما تقبله API ولم يُقرأ
api-advice-ip-blocked = مفاتيح API خاطئة كثيرة من هذا العنوان: OneClickDz يحظره لمدة 15 دقيقة
api-no-code = بلا رمز
api-failed = خطأ في API ({ $code }، HTTP { $status }): { $message }{ $rid }
api-unavailable = OneClickDz غير متاح مؤقتًا ({ $code }، HTTP { $status }): { $message }؛ سنعيد الطلب لاحقًا{ $rid }
api-cannot-connect = تعذّر الوصول إلى API
api-timeout = لم تردّ API في الوقت
api-broken = انقطع الاتصال بـ API
api-decode = ردّ غير مقروء من API (HTTP { $status }): { $message }{ $rid }
api-protocol = ردّ API يخالف قواعدها (HTTP { $status }): { $message }{ $rid }
fault-wrong-page = طُلبت الصفحة { $asked } من القائمة ووصلت الصفحة { $got }
fault-impossible-amount = { $field } مستحيل: { $amount }؛ لم يُستعمل الرد
fault-not-dinars = مبلغ ليس عددًا من الدنانير؛ لم يُستعمل الرد
fault-success-false = success:false دون رفض موثّق ({ $code }: { $message }): لا يُستنتج شيء
fault-other-ref = جاء رد الإرسال عن المرجع { $ref } لا عن مرجعنا؛ لم يُستعمل معرّفه
api-redirected = أجاب OneClickDz بـ HTTP { $status }، وهو تحويل إلى عنوان آخر: الجهاز لا يتبع أي تحويل (يبقى المفتاح والطلب عند OneClickDz)، ولا يُستنتج منه شيء
api-unknown-route = لا يوجد هذا العنوان في API (HTTP { $status }، ليس شكل ردود API: { $message })؛ تحقّق من عنوان API
api-config = خطأ في الإعدادات: { $why }
api-key-refused = رفض OneClickDz مفتاح API ({ $code })؛ لن يستعمله أي طلب حتى يُغيَّر المفتاح أو يُضغط F5 في شاشة البيع

## Orders and the plan list: errors

plans-never-fetched = لا توجد قائمة عروض بعد، ولم تعطها API ({ $error })؛ تُحمَّل العروض عند أول اتصال ناجح
plans-cache = ذاكرة العروض: { $error }
order-invalid = البيع غير صالح؛ لم يُرسل شيء
order-store = قاعدة الطلبات: { $error }
order-not-found = لا يوجد طلب بالمرجع { $ref }
order-not-retryable = الطلب { $ref } حالته { $state }: وحدها طلبات NOT_SENT يمكن إرسالها من جديد
order-busy = الطلب { $ref } يُرسل الآن
order-key-refused = لم يُرسل، ولم يُخصم شيء: { $error }
order-sent-unrecorded = أُرسل { $ref }، لكن تعذّر حفظ الرد ({ $error }): جارٍ التحقق لدى OneClickDz — لا تُرسله مرة أخرى

## The counter worker's errors

worker-plans-refresh-failed = تعذّر تحديث العروض ({ $error })؛ نستعمل القائمة المحفوظة
worker-history-failed = سجل الطلبات: { $error }
worker-no-offers = لم تصل أي عروض للرقم { $phone } ({ $state })؛ راجع الطلب في السجل
worker-offers-slow = عروض الرقم { $phone } تتأخر؛ سيظهر الرد في السجل
worker-key-refused = رفض OneClickDz مفتاح API ({ $code }). الطلبات التلقائية متوقفة حتى لا يُحظر عنوان IP الخاص بالمحل (5 مفاتيح خاطئة = حظر 15 دقيقة). صحّح ONECLICKDZ_API_KEY أو api_key في config.toml وأعد التشغيل، أو اضغط { $key } للمحاولة من جديد.
bar-key-refused = مفتاح API مرفوض

## Starting a session

session-emulator = محاكي التدريب: { $error }
till-id-mismatch = قاعدة طلبات هذا الصندوق ({ $dir }) أنشأها الطرف «{ $stored }»، لكن { $given_by } يذكر الطرف «{ $given }». لن تُعرف مراجع المعرّف الآخر على أنها لهذا الصندوق. صحّح { $given_by } (أو احذفه لاستعمال «{ $stored }»)
till-read-stopped = تعذّر على الصندوق قراءة طلباته لهذا الأمر؛ أعد المحاولة

## Start-up failures

cli-no-runtime = تعذّر تشغيل المحرك غير المتزامن: { $error }
cli-terminal-error = خطأ في الطرفية: { $error }

## Timeline notes of the audit

note-restored = مسترجع من قائمة OneClickDz: ضاع السجل المحلي؛ لم يُرسل أي شيء من جديد
note-external = أُجري في مكان آخر على هذا الحساب (لوحة التحكم أو جهاز آخر)، كما تعرضه قائمة OneClickDz
note-audit-corrected = صحّحته المراجعة: قائمة OneClickDz تعرض هذا الطلب كـ { $listed }؛ وكان عند هذا الجهاز { $had }
note-listed = كما تعرضه قائمة OneClickDz
note-twin-till = أجراه جهاز بيع آخر يستعمل معرّف هذا الجهاز (ملف config.toml منسوخ): عُزل كطلب من مكان آخر ولا يُحسب من مبيعات هذا الجهاز

## أجوبة OneClickDz التي تناقض الطلب (لا تُعتمد أبدًا)

conflict-mismatch = جواب OneClickDz لا يطابق هذا الطلب ({ $fields }): قد يخص تعبئة أخرى، لذلك لم يُعتمد؛ اسأل دعم OneClickDz إن بقي كذلك
conflict-contrary = تقول OneClickDz الآن { $said }، لكن هذا الطلب { $had } وهذه حالة نهائية: تُرك كما هو؛ اسأل دعم OneClickDz أيهما الصحيح
conflict-list = { $first }، { $rest }
conflict-ref = المرجع { $said } بدل { $had }
conflict-no-ref = بلا مرجع بدل { $had }
conflict-id = المعرّف { $said } بدل { $had }
conflict-phone = الرقم { $said } بدل { $had }
conflict-plan = العرض { $said } بدل { $had }
conflict-product = المنتج { $said } بدل { $had }
conflict-amount = المبلغ { $said } بدل { $had }
conflict-charge = خصم { $said } لتعبئة قيمتها { $worth }

## What the audit found wrong with a listed order

audit-no-operator = { $ref }: لا رقمه '{ $phone }' ولا عرضه '{ $code }' يدلّ على متعامل
audit-list-repeats = لم تأتِ الصفحة { $page } من قائمة OneClickDz بأي طلب لم تعرضه الصفحات السابقة (قائمة تكرر صفحاتها): توقف التدقيق هنا وسيعيد قراءتها في المرة القادمة
audit-list-too-long = تدّعي قائمة OneClickDz أن لها { $claimed } صفحة، أكثر مما تملؤه فترتها الزمنية أو عدد طلباتها نفسه: توقف التدقيق بعد { $pages }
audit-clock-behind = ساعة هذا الحاسوب متأخرة بـ { $minutes } دقيقة عن ساعة OneClickDz: اضبطها (يأخذ التدقيق ذلك في الحسبان)
audit-clock-ahead = ساعة هذا الحاسوب متقدمة بـ { $minutes } دقيقة عن ساعة OneClickDz: اضبطها (يأخذ التدقيق ذلك في الحسبان)
audit-twin-till = جهاز آخر يستعمل معرّف هذا الجهاز '{ $terminal }' (ملف config.toml منسوخ): طلباته (عددها في هذا التدقيق: { $n }) معزولة كطلبات من مكان آخر ولا تُحسب هنا. أعطِ أحد الجهازين terminal_id جديدًا في ملف config.toml الخاص به (README: "Two tills, one terminal id")

## Requests refused for the till's access (IP whitelist, API switched off)

api-access-latched = OneClickDz يرفض طلبات هذا الجهاز ({ $code }): { $advice }؛ لا يُرسل أي طلب حتى يُضغط F5 في شاشة البيع أو يُعاد تشغيل الأمر
api-access-refused = OneClickDz يرفض طلبات هذا الجهاز ({ $code }): { $advice }
worker-access-refused = { $why }. الطلبات التلقائية متوقفة؛ اضغط { $key } بعد إصلاح المشكلة.
bar-access-refused = الوصول إلى API مرفوض

## Output that cannot be written

cli-output-failed = تعذّرت كتابة المخرجات: { $error }
hint-pane = { $arrows } اختر · { $enter } يفتح الطلب · { $back } أو { $pane } رجوع للاستمارة
hint-regulars = { $arrows } الزبائن الدائمون · { $enter } يأخذ الرقم · { $repeat } يعيد آخر بيع · { $pane } الطلبات
hint-detail-sale = { $arrows } تمرير · { $sell } يبيع عرضًا مقترحًا · { $back } رجوع للبيع
hint-detail-sell-again = { $arrows } تمرير · { $again } يعيد بيعه (طلب جديد؛ لم يُخصم شيء) · { $back } رجوع
hint-report-edit = يوم (2025-03-01، today، yesterday) أو يومان · { $enter } يعرض · { $back } يلغي
hint-report = { $pages } يوم · t اليوم · y أمس · / يوم أو فترة · { $refresh } · { $back } رجوع
sale-regulars = زبائن دائمون · { $repeat } يعيد
pane-title = آخر الطلبات ({ $key })
pane-give-back = { PLURAL($n) ->
    [zero] لا طلب مُسترجع اليوم
    [one] طلب واحد مُسترجع اليوم: رجّع { $sum } للزبون
    [two] طلبان مُسترجعان اليوم: رجّع { $sum } للزبائن
    [few] { $n } طلبات مُسترجعة اليوم: رجّع { $sum } للزبائن
    [many] { $n } طلبًا مُسترجعًا اليوم: رجّع { $sum } للزبائن
   *[other] { $n } طلب مُسترجع اليوم: رجّع { $sum } للزبائن
}
pane-empty = لا طلبات بعد
help-books = الحسابات: حساب الصندوق لليوم؛ t اليوم، y أمس
help-repeat = البيع: بيع الزبون الأخير أو نفسه؛ التفاصيل: أعد البيع
help-pane = البيع: الدخول إلى آخر الطلبات والرجوع
tab-books = الحسابات
help-more = { $first }–{ $last } من { $total }، { $keys } للمزيد
cli-store-damaged = { $error }؛ لم يتغير شيء. { $hint }
cli-csv-failed = تعذرت كتابة ملف CSV: { $error }
books-title = الحسابات
books-all-operators = الكل
books-orders = الطلبات
books-fulfilled = الناجحة
books-face = القيمة الاسمية
books-collected = المبلغ المستحق
books-cost = التكلفة (المخصومة)
books-margin = الربح
books-margin-rate = نسبة الربح
books-to-give-back = للإرجاع (مسترجع)
books-at-risk = قيد التحقق: لا ترجع المال ولا تعد الإرسال
books-in-progress = قيد التنفيذ
books-nothing-charged = مرفوضة/لم تُرسل: لا خصم
books-to-give-back-short = للإرجاع
books-at-risk-short = قيد التحقق
books-nothing-charged-short = مرفوضة/لم تُرسل
books-refunds-heading = أرجع المال
books-refunds-count = أرجع المال: { $n } · { $sum }
books-no-refunds = لا شيء للإرجاع.
books-more-refunds = { PLURAL($n) ->
    [zero] لا استرجاع آخر
    [one] +استرجاع واحد آخر غير معروض
    [two] +استرجاعان آخران غير معروضين
    [few] +{ $n } استرجاعات أخرى غير معروضة
    [many] +{ $n } استرجاعًا آخر غير معروض
   *[other] +{ $n } استرجاع آخر غير معروض
}
books-by-hour = المبيعات حسب الساعة 00→{ $last } · الأعلى { $best }
books-last-30-days = آخر 30 يومًا
books-shares = حصص المتعاملين
books-no-orders = لا طلبات في هذه الفترة.
books-external = من جهة أخرى (خارج هذه المجاميع)
books-lookups = استعلامات العروض (ليست بيعًا ولا دَين)
books-columns-hidden = { PLURAL($n) ->
    [zero] +{ $n } عمود مخفي
    [one] +{ $n } عمود مخفي
    [two] +{ $n } عمودان مخفيان
    [few] +{ $n } أعمدة مخفية
    [many] +{ $n } عمودًا مخفيًا
   *[other] +{ $n } عمود مخفي
}
books-loading = جارٍ التحميل…
books-days-from = الأيام تبدأ من { $time }
books-type-period = يوم، أو يومان لفترة
books-header = { $title } { $period }  ({ $days })
books-before = { $last } قبل { $first }
books-to-before-from = --to { $last } قبل --from { $first }
books-to-needs-from = --to يحتاج --from
books-type-day-or-range = اكتب يومًا (2025-03-01، today، yesterday) أو يومين لفترة
books-failed = الحسابات: { $error }
books-write-failed = تعذرت كتابة التقرير: { $error }
worker-recent-failed = آخر الطلبات: { $error }
worker-orders-damaged = { PLURAL($n) ->
    [zero] لا طلب غير مقروء في قاعدة الطلبات
    [one] تعذّرت قراءة طلب واحد في قاعدة الطلبات ولا يُعرض
    [two] تعذّرت قراءة طلبين في قاعدة الطلبات ولا يُعرضان
    [few] تعذّرت قراءة { $n } طلبات في قاعدة الطلبات ولا تُعرض
    [many] تعذّرت قراءة { $n } طلبًا في قاعدة الطلبات ولا تُعرض
   *[other] تعذّرت قراءة { $n } طلب في قاعدة الطلبات ولا تُعرض
}؛ البيع مستمر. { $hint }
worker-twin-till = جهاز آخر يستعمل معرّف هذا الجهاز '{ $terminal }' (ملف config.toml منسوخ): مبيعاته معزولة ولا تُحسب هنا. أعطِ أحد الجهازين terminal_id جديدًا في ملف config.toml الخاص به.
repeat-no-regular = لا زبون دائم لإعادة البيع: اكتب أول أرقام رقم الزبون
repeat-plan-gone = { $plan } غير متوفر الآن: اختر عرضًا

## An order's last error, beyond the API's own errors

problem-not-known-yet = لا تعرف OneClickDz هذا المرجع بعد ({ $secs } ثانية بعد الإرسال)؛ ما زلنا نتحقق

## Days: the shop day's words (typed in any of the languages), a day that cannot be read

day-today = اليوم
day-yesterday = أمس
day-bad = '{ $word }' ليس تاريخًا: اكتب اليوم أو أمس أو DD/MM/YYYY أو YYYY-MM-DD
day-none-before = لا يوجد يوم قبل اليوم
sync-since-future = --since { $day } بعد اليوم: التدقيق يقرأ ما أنجزه OneClickDz (اكتب اليوم أو يومًا سابقًا)

## Why the API refused a request (inside a refusal note)

refusal-invalid-field = { $field } غير صالح
refusal-invalid = طلب غير صالح
refusal-balance-needs = الرصيد غير كافٍ: المطلوب { $required }، المتوفر { $available }
refusal-balance = الرصيد غير كافٍ
refusal-duplicate-ref = المرجع مستعمل من قبل
refusal-not-found = غير موجود
refusal-missing-token = لم يُرسل مفتاح API
refusal-invalid-token-left = مفتاح API مرفوض ({ PLURAL($n) ->
        [zero] لم تبقَ محاولة
        [one] بقيت محاولة واحدة
        [two] بقيت محاولتان
        [few] بقيت { $n } محاولات
        [many] بقيت { $n } محاولة
       *[other] بقيت { $n } محاولة
    })
refusal-invalid-token = مفتاح API مرفوض
refusal-ip-blocked = عنوان IP هذا محظور لدى API
refusal-ip-not-allowed = عنوان IP هذا ليس في القائمة البيضاء للمفتاح
refusal-api-disabled = الوصول إلى API معطّل
refusal-too-large = الطلب كبير جدًا
refusal-rate-limited = طلبات كثيرة جدًا
refusal-other = خطأ لا توثقه API

## Idoom internet top-ups and operator health

line-wrong-start = رقم { $product } يُكتب { $pattern }
line-too-long = أرقام كثيرة: رقم { $product } فيه { $n }
line-too-short = { PLURAL($typed) ->
    [zero] { $typed } من { $n } أرقام
    [one] رقم واحد من { $n }
    [two] رقمان من { $n }
    [few] { $typed } أرقام من { $n }
    [many] { $typed } رقمًا من { $n }
   *[other] { $typed } من { $n } أرقام
}
state-queued = في الطابور
short-queued = انتظر 12–48 سا، لا تعد الإرسال
advice-queued = في طابور اتصالات الجزائر: تصل خلال 12 إلى 48 ساعة؛ لا ترجع المال، لا تعد الإرسال: يُعاد التحقق تلقائيًا
proof-card-code = رمز التعبئة
proof-num-trans = رقم العملية
proof-date = عولجت في
internet-no-such-value = لا توجد تعبئة { $product } بقيمة { $value }؛ المعروض: { $offered }
internet-value-unavailable = { $product } { $value } غير معروضة للبيع حاليًا
cli-bad-line = رقم { $product }: { $error }
audit-no-internet-type = { $ref }: نوعه '{ $type }' ليس ADSL ولا 4G
cli-internet-header = { $product } من { $source }، جُلبت منذ { $age }
cli-internet-row = { $value }   التكلفة { $cost }   السعر { $price }
cli-not-on-sale = (غير معروضة)
cli-line-ok = { $product } { $number }: يمكن لـ OneClickDz تعبئة هذا الخط
cli-line-offer = العرض
cli-line-subscriber = المشترك
cli-line-refused = { $product } { $number }: لا يمكن لـ OneClickDz تعبئة هذا الخط: { $error }
cli-line-unclear = تعذّر التحقق من الخط: { $error }
help-product = البيع: نقال ← Idoom ADSL ← Idoom 4G
sale-line-number = رقم { $product }
line-checking = جارٍ التحقق من الخط لدى OneClickDz…
line-found = الخط سليم
line-found-offer = الخط سليم — العرض { $offer }
line-refused-notice = لا يمكن لـ OneClickDz تعبئة هذا الخط: { $error }
line-unclear-notice = تعذّر التحقق من الخط ({ $error })؛ يمكنك البيع رغم ذلك
notice-line-being-checked = انتظر: جارٍ التحقق من الخط
list-values-for = قيم { $product }
list-values-not-loaded = قيم { $product } لم تُحمّل بعد. { $key } لإعادة المحاولة.
list-not-on-sale = (غير معروضة)
notice-pick-value = اختر قيمة من القائمة، ثم { $enter }
notice-mobile-only = { $key }: لأرقام النقال فقط
confirm-product = المنتج
confirm-offer = عرض الخط
proof-title = تمت — أعطِ الزبون هذا الرمز
proof-dismiss = { $enter } أو { $back }: انتهى
operator-down = ⚠ { $operator } معطّل لدى OneClickDz
notice-operator-down = { $operator } معطّل لدى OneClickDz: { $enter } مرة أخرى للإرسال رغم ذلك، { $back } للإلغاء
product-mobile = نقال
sale-product-switch = المنتج ({ $key }):
hint-internet-phone = اكتب أو الصق رقم الخط، { $enter } · { $product } المنتج · { $pane } آخر الطلبات
hint-internet-value = { $arrows } اختر القيمة · { $enter } التالي · { $back } رجوع

## Receipts and the printer.
receipt-title = وصل التعبئة
receipt-copy = نسخة { $time }
receipt-date = التاريخ
receipt-operator = المتعامل
receipt-number = الرقم
receipt-plan = العرض
receipt-amount = المبلغ
receipt-price = المدفوع
receipt-status = الحالة
receipt-ref = المرجع
receipt-topup-id = معرّف OneClickDz
receipt-give-back = مسترجع: { $sum } أعيدت إلى الزبون
receipt-day-title = إغلاق اليوم
receipt-printed-at = طُبع
receipt-not-found = لا طلب بالمرجع { $ref }
receipt-bad-printer-flag = --printer يأخذ file:PATH أو tcp:HOST:PORT
receipt-printed = طُبع وصل { $ref } على { $printer } (الطبعة رقم { $count })
receipt-day-printed = طُبع إغلاق اليوم { $period } على { $printer }
print-no-printer = لا طابعة مهيأة ([printer] kind في config.toml): لم يُطبع شيء
print-timeout = لم تستجب الطابعة خلال { $secs } ثا (مطفأة، بلا ورق؟): يمكن طباعة الوصل لاحقًا
print-unreachable = لا يمكن الوصول إلى الطابعة ({ $error }): يمكن طباعة الوصل لاحقًا
print-write-failed = فشلت الطباعة ({ $error }): يمكن طباعة الوصل لاحقًا
print-not-counted = طُبع، لكن تعذّر حفظ عدد الطبعات: { $error }
cfg-err-printer = [printer] kind يسمّي طابعة لكن address لا يحدد مكانها (HOST أو HOST:PORT للشبكة، وإلا مسار الجهاز أو الملف)
cfg-printer = الطابعة
cfg-printer-none = لا توجد (لا يُطبع شيء)
cfg-printer-value = { $target }، { $width } مم ({ $columns } حرفًا)، الجداول { $arabic }/{ $latin }، المهلة { $secs } ثا، { $auto }
cfg-printer-auto = يطبع كل بيع FULFILLED
cfg-printer-on-key = يطبع بالمفتاح
cfg-shop = المحل
help-print = طباعة الوصل المعروض (مرة أخرى: نسخة) / معاينته
toast-slip-printed = طُبع وصل { $ref } (الطبعة رقم { $count })
toast-books-printed = طُبع إغلاق اليوم
toast-nothing-to-print = لا طلب معروض للطباعة
preview-title = معاينة الوصل
preview-hint = { $print } طباعة · { $back } إغلاق
# قناة أوامر الصندوق: أمرٌ يسأل الصندوق (شاشة البيع) الذي يمسك قاعدة الطلبات.
till-no-answer = لا صندوق يجيب على { $endpoint }: { $error }
till-lost = توقف الصندوق قبل أن يجيب ({ $error })
till-lost-open = { $error }: { $what }
till-lost-sale = ربما سُجّل البيع إلى { $phone } وأُرسل: لا تُعِد البيع. ابحث عنه بـ `flexy-pos orders --phone { $phone }`؛ يتابعه الصندوق عند فتحه من جديد (أو شغّل `flexy-pos sync`)
till-garbled = تعذّرت قراءة جواب الصندوق ({ $error }): استعمل نفس إصدار flexy-pos الذي يعمل به الصندوق
till-version = الصندوق المفتوح على هذا المجلد هو flexy-pos { $version } (بروتوكول الأوامر { $theirs }) وهذا flexy-pos { $mine } (البروتوكول { $ours }): لا يعملان معًا. أغلق الصندوق وافتحه بهذا الإصدار (أو استعمل إصدار الصندوق)
till-too-large = رفض الصندوق الطلب: أطول من { $limit } بايت
till-malformed = رفض الصندوق الطلب: ليس طلبًا يفهمه
till-busy = الصندوق مشغول (يُغلق، أو يخدم أوامر كثيرة في آن واحد): أعد المحاولة بعد قليل
status-no-till = لا صندوق مفتوح على { $dir }
status-running = { $what } قيد التشغيل على { $dir } منذ { $since } ({ $age }): وضع { $mode }، الطرفية { $terminal }، العملية { $pid }، flexy-pos { $version }
status-counter = شاشة البيع
status-command = أمر
