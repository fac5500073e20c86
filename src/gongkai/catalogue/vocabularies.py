"""A starting 主题分类 and 体裁 list (migration 0003 stores it; each deployment edits it in the
admin). 主题分类: the subject headings most government sites' 政府信息公开目录 use (after the
国务院公文主题词表's top level). 体裁: the 15 kinds of 《党政机关公文处理工作条例》第八条, then the
forms a catalogue also holds (规划, 方案, 办法, 解读 …)."""

from __future__ import annotations

TOPICS = [
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
]
GENRES = [
    "决议",
    "决定",
    "命令（令）",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
    "规划",
    "计划",
    "方案",
    "办法",
    "规定",
    "细则",
    "解读",
    "意见征集",
    "其他",
]


def ensure(topic_model, genre_model) -> None:
    """Store a list where the table is empty (the migration with historical models; the demo after
    a database flush emptied them). A list someone has edited is left alone."""
    for model, names in ((topic_model, TOPICS), (genre_model, GENRES)):
        if not model.objects.exists():
            model.objects.bulk_create(
                model(name=name, code=f"{position:02d}", position=position)
                for position, name in enumerate(names, start=1)
            )
