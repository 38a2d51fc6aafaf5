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
short-unknown = لا ترجع المال، لا تعد الإرسال
short-nothing-charged = لم يُخصم شيء
short-unconfirmed = لا تعد الإرسال
advice-saved = محفوظ، جارٍ الإرسال
advice-sent = أُرسل، في انتظار المتعامل
advice-in-progress = قيد المعالجة: انتظر
advice-fulfilled = وصلت التعبئة
advice-refunded = فشلت: أرجع المال للزبون
advice-unknown = النتيجة غير معروفة بعد: لا ترجع المال، لا تعد الإرسال؛ يُعاد التحقق تلقائيًا
advice-refused = رفضته OneClickDz: لم يُخصم شيء؛ صحّح وبِع من جديد
advice-unconfirmed = نتحقق هل أُرسل: لا تعد الإرسال
advice-not-sent = لم يصل إلى OneClickDz: لم يُخصم شيء؛ بِع من جديد

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
cfg-mode-live = حقيقي
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
cli-sync-summary = مزامنة: { $open } مفتوحة في البداية، { $checks } فحص، { $settled } محسومة، { $still } ما زالت مفتوحة
cli-sync-settled = محسوم
cli-sync-open = مفتوح
cli-sync-error = خطأ
cli-plans-header = { $count } من { $source }، جُلبت منذ { $age }
cli-plans-from-cache = الذاكرة المحلية
cli-plans-from-api = API
cli-plan-disabled = (معطّل)
cli-plans-refresh-failed = فشل التحديث، القائمة أعلاه من الذاكرة المحلية: { $error }
cli-plans-using-cache = تنبيه: تعذّر تحديث العروض ({ $error })؛ نستعمل الذاكرة المحلية
cli-seeded = أُضيف { $n } طلب تجريبي
cli-bad-phone-filter = --phone '{ $phone }': أعط أرقام رقم هاتف (0XXXXXXXXX أو بدايته)
cli-bad-status-filter = --status '{ $status }' ليست حالة؛ استعمل واحدة من: { $choices }
cli-bad-day-filter = --day '{ $day }' ليس تاريخًا مثل 2025-03-01

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
