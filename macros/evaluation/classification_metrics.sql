{#- How good a classifier's predictions are, as scikit-learn measures them (sklearn.metrics), for any relation
    of labels and predictions: nn_predictions, a model that scores with predict, or another model's output.

        select * from ({{ neural_net.classification_metrics(ref('scored_species'), label='species',
                          prediction='prediction', probabilities={'Adelie': 'probability_adelie', ...},
                          group_by='split') }}) as metrics

    One row per group (group_by's values; one group without it) and class (every value of the label or the
    prediction in that group), then one row per group with class NULL for the whole:
      examples    the rows of that class (support); the whole: every row
      precision, recall, f1
                  per class: precision_score, recall_score and f1_score with average=None (a class never
                  predicted has precision 0, as scikit-learn's zero_division gives); the whole: their mean
                  over the classes (average='macro')
      accuracy    the whole: accuracy_score; NULL on a class's row
      log_loss    the whole: log_loss, the probabilities clipped to [eps, 1 - eps] as scikit-learn clips them
                  (NULL without probabilities)
      roc_auc     per class: roc_auc_score of that class against the rest on its probability; the whole:
                  with two classes, that of the greater class (scikit-learn's positive class), else the mean
                  over the classes (multi_class='ovr', average='macro'); NULL when a class has no rows, or
                  without probabilities
    `probabilities` maps each class value to its probability column. Rows with a NULL label or prediction
    are left out (predict's unscored rows). Each value equals scikit-learn's on the same rows to 1e-9
    (tests/python/test_evaluation_metrics.py). -#}
{%- macro classification_metrics(relation, label, prediction, probabilities=none, group_by=none) -%}
    {%- set probabilities = probabilities or {} -%}
    {%- set columns = {'actual': label, 'predicted': prediction} -%}
    {%- for value, column in probabilities.items() -%}{%- do columns.update({'p_' ~ loop.index0: column}) -%}{%- endfor -%}
    {%- set classes = probabilities.keys() | list -%}
    {%- set eps = 2.220446049250313e-16 -%}  {#- numpy's float64 eps: scikit-learn's clip -#}
with scored as (

    {{ neural_net.nn_evaluation_rows(relation, columns, ['actual', 'predicted'], group_by) }}

),

classes as (

    select distinct nn_group, actual as class from scored
    union distinct
    select distinct nn_group, predicted as class from scored

),

per_class as (

    select
        classes.nn_group,
        classes.class,
        sum(case when scored.actual = classes.class then 1 else 0 end) as examples,
        sum(case when scored.predicted = classes.class then 1 else 0 end) as predicted,
        sum(case when scored.actual = classes.class and scored.predicted = classes.class then 1 else 0 end) as correct
    from classes
    inner join scored on scored.nn_group = classes.nn_group
    group by classes.nn_group, classes.class

),

{%- if classes %}

-- each class against the rest, by its probability: the AUC is the Mann-Whitney statistic, ties at their
-- average rank (what scikit-learn's trapezoids under the ROC curve come to)
one_vs_rest as (
    {%- for value in classes %}
    {{ "union all" if not loop.first }}
    select nn_group, {{ neural_net.nn_class_literal(value) }} as class, p_{{ loop.index0 }} as score,
        case when actual = {{ neural_net.nn_class_literal(value) }} then 1 else 0 end as positive
    from scored
    {%- endfor %}

),

ranked as (

    select
        nn_group,
        class,
        positive,
        rank() over (partition by nn_group, class order by score)
            + cast(count(*) over (partition by nn_group, class, score) - 1 as {{ neural_net.nn_float_type() }}) / 2 as average_rank
    from one_vs_rest

),

auc as (

    select
        nn_group,
        class,
        (sum(case when positive = 1 then average_rank else 0 end)
            - cast(sum(positive) as {{ neural_net.nn_float_type() }}) * (sum(positive) + 1) / 2)
            / nullif(cast(sum(positive) as {{ neural_net.nn_float_type() }}) * (count(*) - sum(positive)), 0) as roc_auc
    from ranked
    group by nn_group, class

),

log_loss as (

    select
        nn_group,
        -avg(ln(least(greatest(case actual
            {%- for value in classes %}
            when {{ neural_net.nn_class_literal(value) }} then p_{{ loop.index0 }}
            {%- endfor %}
        end, {{ neural_net.nn_float(eps) }}), {{ neural_net.nn_float(1 - eps) }}))) as log_loss
    from scored
    group by nn_group

),
{%- endif %}

class_rows as (

    select
        per_class.nn_group,
        per_class.class,
        per_class.examples,
        coalesce(per_class.correct / nullif(cast(per_class.predicted as {{ neural_net.nn_float_type() }}), 0), 0) as precision,
        coalesce(per_class.correct / nullif(cast(per_class.examples as {{ neural_net.nn_float_type() }}), 0), 0) as recall,
        2 * per_class.correct / cast(per_class.examples + per_class.predicted as {{ neural_net.nn_float_type() }}) as f1,
        {{ "auc.roc_auc" if classes else "cast(null as " ~ neural_net.nn_float_type() ~ ")" }} as roc_auc
    from per_class
    {%- if classes %}
    left join auc on auc.nn_group = per_class.nn_group and auc.class = per_class.class
    {%- endif %}

),

whole as (

    select
        class_rows.nn_group,
        -- NULL typed as the class column: the whole's row has no class (of a grouped column: PostgreSQL has no
        -- MAX of a boolean)
        case when 1 = 0 then greatest_class.class end as class,
        sum(class_rows.examples) as examples,
        avg(class_rows.precision) as precision,
        avg(class_rows.recall) as recall,
        avg(class_rows.f1) as f1,
        sum(per_class.correct) / cast(sum(class_rows.examples) as {{ neural_net.nn_float_type() }}) as accuracy,
        -- NULL when a class has none; two classes: the greater one's (scikit-learn's positive class); more: their mean
        case when count(class_rows.roc_auc) < count(*) then null
             when count(*) = 2 then max(case when class_rows.class = greatest_class.class then class_rows.roc_auc end)
             else avg(class_rows.roc_auc) end as roc_auc
    from class_rows
    inner join per_class on per_class.nn_group = class_rows.nn_group and per_class.class = class_rows.class
    inner join ({{ neural_net.nn_group_max("classes", "class") }}) as greatest_class
        on greatest_class.nn_group = class_rows.nn_group
    group by class_rows.nn_group, greatest_class.class

),

final as (

    select nn_group, class, examples, precision, recall, f1,
        cast(null as {{ neural_net.nn_float_type() }}) as accuracy,
        cast(null as {{ neural_net.nn_float_type() }}) as log_loss,
        roc_auc
    from class_rows
    union all
    select whole.nn_group, whole.class, whole.examples, whole.precision, whole.recall, whole.f1, whole.accuracy,
        {{ "log_loss.log_loss" if classes else "cast(null as " ~ neural_net.nn_float_type() ~ ")" }} as log_loss,
        whole.roc_auc
    from whole
    {%- if classes %}
    left join log_loss on log_loss.nn_group = whole.nn_group
    {%- endif %}

)

select {{ neural_net.nn_group_column(group_by) }}class, examples, precision, recall, f1, accuracy, log_loss, roc_auc
from final
{%- endmacro -%}
