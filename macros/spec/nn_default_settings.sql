{#- Every setting of a network and of its training, with its default. In this project each one is a dbt var of
    the same name:  dbt run --vars '{iterations: 1000, lr: 1.0, hidden: [8, 8], activation: tanh}'
    A named network (nn_network) takes them from its own model's config instead; nn_setting_value says which
    source wins. docs/settings.md describes each one. -#}
{%- macro nn_default_settings() -%}
{%- set defaults -%}
# --- data --------------------------------------------------------------------------------------------
input_relation: null      # your table as 'schema.table' (or 'database.schema.table'); null = the seed `points`
features: [x1, x2]        # feature columns: numbers, text or yes/no (text and boolean ones are one-hot encoded)
label: y                  # class column: whole numbers 0 .. n_classes-1, text or boolean; rows with a NULL label are left out
task: null                # classification | regression; null = regression for a float or decimal label, or over 100 distinct numbers
n_classes: null           # null = max(label) + 1
holdout_fraction: 0.2     # share of rows held out for evaluation (deterministic split); 0 disables it
split_key: null           # a column that names each row (unique, no NULLs): a row's split follows its key;
                          # null = a hash of the row's values (docs/settings.md)
holdout_fold: 0           # which slice of that size is held out: 0 .. 1 / holdout_fraction - 1 are disjoint
                          # (k-fold cross-validation: train once per fold)
categorical: null         # features to one-hot encode; null = the text and boolean ones
max_categories: 20        # per categorical feature, the most frequent levels kept; the rest share one "other" input
standardize: true         # center and scale each feature by its mean and standard deviation on the training rows
missing: error            # NULL features: error (name them) | impute (training mean) | drop (leave the row out)
# --- network -----------------------------------------------------------------------------------------
hidden: [16]              # hidden layer sizes; [8, 8] is two hidden layers of 8 units; the article's: [2]
activation: relu          # relu | tanh | sigmoid
init: he                  # he (normal, from `seed`) | article (the 2018 article's weights, 2-2-2 net only)
seed: 0                   # seed of the He initialisation
# --- training ----------------------------------------------------------------------------------------
optimizer: null           # sgd | momentum | adam (docs/settings.md, "Optimizers"); null = sgd, for a regression adam
lr: null                  # learning rate; null = the optimizer's default: sgd 2.0, momentum 0.2, adam 0.05
                          # (a regression: sgd 0.05, momentum 0.005, adam 0.02)
momentum: 0.9             # momentum: how much of the previous step each step keeps
beta1: 0.9                # adam: decay of the running mean of the gradient
beta2: 0.95               # adam: decay of the running mean of its square (0.95, not the usual 0.999:
                          # docs/settings.md, "Optimizers", says why)
epsilon: 1.0e-8           # adam: added to the root of the second moment
class_weight: null        # null: every row weighs 1 | balanced: rows weigh N / (C n_class), for rare classes
reg: null                 # L2 strength on the weights (biases are not regularised); null = 0.001, for a
                          # regression 3 / (training rows) (nn_default_reg)
iterations: 500           # train until this many iterations are in the history
batch_size: null          # rows per mini-batch, shuffled each epoch the same way on every engine; null = all
                          # training rows each iteration (full batch), as does a batch_size >= the training rows
early_stopping: false     # true: set validation_fraction of the training (not held-out) rows aside, measure
                          # their loss each iteration, stop after `patience` iterations without a new lowest
                          # one, keep the best
validation_fraction: 0.1  # early_stopping: the share of the training rows set aside
patience: 10              # early_stopping: iterations without a lower validation loss before training stops
block_size: null          # K: iterations per dbt run (one query); null = the engine's default:
                          # DuckDB 100, BigQuery 10, Spark 10 (docs/engines.md, "Choosing K")
on_new_data: warn         # materialized='neural_net', when the input's rows changed since training started:
                          # warn (keep the model and its rows, say so) | ignore (the same, silently) |
                          # continue (train `iterations` more on the rows as they are, preprocessing kept) |
                          # retrain (keep the old history as nn_training_v<n>, train anew on the rows as they are)
seconds_per_build: 1800   # materialized='neural_net': a `dbt build` starts no new block after this many seconds
                          # of training; the next build continues where it stopped
layout: auto              # how one iteration's SQL holds the parameters: columns (a column per parameter)
                          # or arrays (a list per layer, every engine); auto = arrays for networks of more
                          # than 256 parameters, columns otherwise (docs/how-it-works.md, "Wide networks")
# --- tests -------------------------------------------------------------------------------------------
min_accuracy: null        # held-out accuracy (when nothing is held out: validation, else training) must reach this;
                          # null = it must beat always answering the most frequent class (nn_metrics.baseline_accuracy)
min_r2: null              # a regression's held-out R² (the same rows) must reach this; null = it must beat always
                          # answering the training mean (nn_metrics.baseline_r2)
{%- endset -%}
    {{ return(fromyaml(defaults)) }}
{%- endmacro -%}
