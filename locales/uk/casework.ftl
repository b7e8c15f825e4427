# Тексти інтерфейсу Casework, українською.

stage-intake = Прийом і договір
stage-assessment = Оцінка
stage-service-plan = Сервісний план
stage-implementation = Виконання плану
stage-monitoring = Моніторинг
stage-plan-revision = Корекція плану
stage-exit = Вихід із програми

group-internally-displaced = внутрішньо переміщена особа
group-disability = особа з інвалідністю
group-older-person = людина похилого віку
group-family-in-difficulties = сім’я у складних життєвих обставинах
group-violence-survivor = постраждала від насильства
group-hiv = людина, яка живе з ВІЛ
group-released-from-prison = особа, звільнена з місць позбавлення волі
group-unemployed = безробітна особа
group-care-leaver = випускник закладу інституційного догляду
group-veteran = ветеран
group-addiction = людина із залежністю
group-homeless = бездомна особа
group-chronic-illness = людина з хронічною хворобою
group-rural-isolated = сільський мешканець без доступу до послуг

model-intensive-intervention = інтенсивного втручання
model-clinical = клінічна
model-strengths-based = зосереджена на сильних сторонах
model-broker = брокерська

difficulty-introductory = початковий рівень
difficulty-intermediate = середній рівень
difficulty-advanced = поглиблений рівень

list-line = { $id }  { $title } — { $group }; модель: { $model }; { $difficulty }; { $minutes } хв; { $languages }
list-count = { $count ->
    [one] У банку { $count } випадок.
    [few] У банку { $count } випадки.
   *[other] У банку { $count } випадків.
}

play-done = Зіграно кроків: { $steps }; журнал записано у { $out }.
play-stage = етап: { $stage }, тиждень { $week }

score-detail-no-need = жодної потреби не виявлено
score-detail-plan-empty = план порожній
score-detail-need-not-identified = не виявлено під час оцінювання
score-detail-consequence-not-averted = це не виявилося через те, чого не було зроблено, а не тому, що цьому запобігли
score-detail-not-delivered = не надано
score-detail-late = надано на { $week }-му тижні, після строку ({ $deadline }-й тиждень)
w-who = Хто
w-why = Чому
w-when = Коли
w-where = Де
w-what = Що

## casework graph: мапа випадку
graph-events = Події
graph-rubric = рубрика
graph-also-open = відкрите й тут
graph-closes = закриває випадок
graph-ends = завершує випадок
graph-returns-to = повертає на етап «{ $stage }»
graph-legend = Умовні позначення
graph-rewarded = рубрика це винагороджує
graph-penalised = рубрика за це знімає бали
graph-critical = це названо в критичному правилі
graph-unmarked = жодне правило цього не називає
graph-moves = рішення переводить випадок на цей етап
graph-also-arrow = рішення відкрите й на цьому етапі
graph-return-arrow = подія повертає випадок назад
